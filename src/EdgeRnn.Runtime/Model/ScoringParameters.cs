namespace EdgeRnn.Runtime.Model;

/// <summary>
/// How a forecasting model's prediction errors become an anomaly score in [0, 1] and an alarm decision, fitted by the
/// trainer on validation data and stored in the model file so that a device needs no configuration.
/// </summary>
/// <remarks>
/// Per step the scorer takes the squared prediction error e = mean_k((y_k − x_k)² / σ_k²) over the target channels, keeps
/// a long rolling window of e (mean μ, std s) and a short one (mean m), and scores 1 − Q((m − μ) / s), the Gaussian tail
/// probability (the "anomaly likelihood" of Numenta's HTM detector). An alarm is due when the score reaches <see cref="Threshold"/>.
/// </remarks>
public sealed class ScoringParameters
{
    /// <summary>Scoring switched off: the model only predicts.</summary>
    public static ScoringParameters None { get; } = new();

    /// <summary>Per target channel, the standard deviation σ_k of the prediction error on validation data; empty when off.</summary>
    public IReadOnlyList<float> ErrorStd { get; init; } = [];

    /// <summary>Length of the long rolling window of errors, in steps (≥ 2), 0 when off.</summary>
    public int LongWindow { get; init; }

    /// <summary>Length of the short rolling window of errors, in steps (1 ≤ short ≤ long).</summary>
    public int ShortWindow { get; init; }

    /// <summary>The score at or above which an alarm is raised, in [0, 1].</summary>
    public float Threshold { get; init; }

    /// <summary>Whether the model carries scoring parameters.</summary>
    public bool IsEnabled => LongWindow > 0 && ErrorStd.Count > 0;
}
