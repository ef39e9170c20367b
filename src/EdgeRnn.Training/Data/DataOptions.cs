using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>How recordings are read, cleaned, split and normalised. The defaults suit a folder of sensor logs.</summary>
internal sealed record DataOptions
{
    /// <summary>The value of <see cref="TimeColumn"/> that turns timestamp detection off.</summary>
    public const string NoTimeColumn = "none";

    /// <summary>What the data is for; decides which columns are required and what a target is.</summary>
    public ModelTask Task { get; init; } = ModelTask.Forecast;

    /// <summary>Input channel names; null for every numeric column other than the time and label columns.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Forecast targets (a subset of the inputs); null to forecast every input.</summary>
    public IReadOnlyList<string>? TargetColumns { get; init; }

    /// <summary>
    /// The timestamp column; null for the one the recording contract finds (<c>EdgeRnn.Recordings.RecordingLayout</c>);
    /// <see cref="NoTimeColumn"/> for none.
    /// </summary>
    public string? TimeColumn { get; init; }

    /// <summary>The label column (required for classify and label; null there for the contract's, named label, anomaly,
    /// class or is_anomaly).</summary>
    public string? LabelColumn { get; init; }

    /// <summary>The longest run of missing cells in one channel that is filled with the channel's last value (≥ 0).</summary>
    public int MaxCarriedCells { get; init; } = 3;

    /// <summary>The share of each file's usable rows, at its end, kept for validation, in [0, 1).</summary>
    public double ValidationFraction { get; init; } = 0.2;

    /// <summary>
    /// A time step longer than this many median steps (or a step backwards) breaks the recording into segments; 0 turns
    /// the check off.
    /// </summary>
    public double MaxTimeStepFactor { get; init; } = 5.0;

    /// <summary>A channel whose training std is below this is reported constant and normalised with std 1.</summary>
    public double StdFloor { get; init; } = 1e-6;

    /// <summary>
    /// A normalisation to use instead of fitting one (evaluating an existing model on new data); its channel count must
    /// equal the number of input channels. The summary's channel statistics then cover all usable rows.
    /// </summary>
    public ChannelNormalization? FixedNormalization { get; init; }

    /// <summary>Checks the ranges.</summary>
    /// <exception cref="RecordingException">A value is out of range or an option does not fit the task.</exception>
    public void Validate()
    {
        if (MaxCarriedCells < 0)
        {
            throw new RecordingException($"Expected a maximum of carried cells ≥ 0; found {MaxCarriedCells}.");
        }

        if (!(ValidationFraction >= 0 && ValidationFraction < 1))
        {
            throw new RecordingException($"Expected a validation fraction in [0, 1); found {ValidationFraction}.");
        }

        if (!(MaxTimeStepFactor >= 0))
        {
            throw new RecordingException($"Expected a maximum time-step factor ≥ 0 (0 = off); found {MaxTimeStepFactor}.");
        }

        if (!(StdFloor >= 0))
        {
            throw new RecordingException($"Expected a std floor ≥ 0; found {StdFloor}.");
        }

        if (TargetColumns is not null && Task != ModelTask.Forecast)
        {
            throw new RecordingException($"Target columns apply to the forecast task; the task is {Task.ToString().ToLowerInvariant()} (its target is the label column).");
        }
    }
}
