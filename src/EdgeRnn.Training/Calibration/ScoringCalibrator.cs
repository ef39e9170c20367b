using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// Fits a forecasting model's anomaly scoring on validation streams, the way the board will run it: σ_k per target from
/// the prediction errors (<see cref="ErrorStdFitter"/>), the rolling windows, then the runtime's
/// <see cref="AnomalyDetector"/> over every stream with θ = 0 to collect scores, and θ chosen so that the alarm onsets per
/// day on validation stay at or below the requested rate (<see cref="AlarmThreshold.ForOnsets"/>), or as a quantile.
/// </summary>
internal static class ScoringCalibrator
{
    private const double SecondsPerDay = 86_400;

    /// <summary>Calibrates the scoring.</summary>
    /// <param name="model">The model the board will run (the int8 copy when exporting int8), its metadata naming the target channel of each output.</param>
    /// <param name="streams">Raw validation streams (<see cref="ValidationStreams.Of(Data.TrainingData, int)"/>).</param>
    /// <param name="samplePeriodSeconds">Seconds between samples; 0 when unknown (θ then comes from a quantile).</param>
    /// <param name="options">The requested rate or quantile and the windows.</param>
    /// <returns>The scoring parameters and how they were chosen.</returns>
    /// <exception cref="ArgumentException">There is no validation stream with at least 2 steps.</exception>
    public static CalibrationResult Calibrate(RnnModel model, IReadOnlyList<float[]> streams, double samplePeriodSeconds, CalibrationOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(streams);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        float[] errorStd = ErrorStdFitter.Fit(model, streams);
        int width = model.InputSize;
        int longest = streams.Max(s => s.Length / width);
        int longWindow = options.LongWindowFor(longest);
        var scoring = new ScoringParameters
        {
            ErrorStd = errorStd,
            LongWindow = longWindow,
            ShortWindow = Math.Min(options.ShortWindow, longWindow),
            Threshold = 0f,
        };
        var scores = ScoreCollector.Collect(model, scoring, streams);
        long steps = ValidationStreams.Steps(streams, width);
        double days = samplePeriodSeconds > 0 ? steps * samplePeriodSeconds / SecondsPerDay : double.NaN;
        float threshold;
        string method;
        if (options.AlarmQuantile is { } quantile)
        {
            threshold = AlarmThreshold.ForQuantile(scores, quantile);
            method = FormattableString.Invariant($"quantile {quantile:G6} of the validation scores");
        }
        else if (double.IsNaN(days))
        {
            threshold = AlarmThreshold.ForQuantile(scores, options.FallbackQuantile);
            method = FormattableString.Invariant($"quantile {options.FallbackQuantile:G6} of the validation scores (no sample period, so no rate per day)");
        }
        else
        {
            threshold = AlarmThreshold.ForOnsets(scores, options.FalseAlarmsPerDay * days);
            method = FormattableString.Invariant($"at most {options.FalseAlarmsPerDay:G6} false alarm(s) per day on validation");
        }

        int onsets = AlarmThreshold.CountOnsets(scores, threshold);
        return new CalibrationResult(
            new ScoringParameters { ErrorStd = errorStd, LongWindow = scoring.LongWindow, ShortWindow = scoring.ShortWindow, Threshold = threshold },
            steps,
            days,
            onsets,
            method);
    }
}

/// <summary>The calibrated scoring and the facts behind it.</summary>
/// <param name="Scoring">The parameters to store in the model (threshold included).</param>
/// <param name="ValidationSteps">Steps scored.</param>
/// <param name="ValidationDays">Days the validation steps span (steps × period); NaN without a sample period.</param>
/// <param name="Onsets">Alarm onsets on validation at the chosen threshold.</param>
/// <param name="Method">How the threshold was chosen, for the summary.</param>
internal sealed record CalibrationResult(ScoringParameters Scoring, long ValidationSteps, double ValidationDays, int Onsets, string Method)
{
    /// <summary>Onsets per day on validation; NaN without a sample period.</summary>
    public double FalseAlarmsPerDay => ValidationDays > 0 ? Onsets / ValidationDays : double.NaN;
}
