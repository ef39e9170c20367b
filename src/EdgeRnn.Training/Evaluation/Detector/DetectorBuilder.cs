using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// Builds the whole detector a model file carries from the leading rows of one recording: the normalisation of those rows,
/// an ensemble of one-step forecasters trained on them (seeds Seed, Seed + 1, …; int8 when asked), and the likelihood's
/// windows written for the recording's sampling period (<see cref="LikelihoodTiming"/>). What <c>edgernn train</c> writes
/// and what <c>bench-nab</c> and <c>bench-skab</c> load back and run. Single-threaded and seeded: the same rows give the
/// same model bytes.
/// </summary>
internal static class DetectorBuilder
{
    /// <summary>The adaptive detector's threshold when there is no validation part to calibrate it on (bench-nab's standard θ, rounded).</summary>
    public const double DefaultAdaptiveThreshold = 0.85;

    /// <summary>The feature names of the time-of-day inputs.</summary>
    public static readonly IReadOnlyList<string> TimeOfDayNames = ["time_of_day_sin", "time_of_day_cos"];

    /// <summary>Trains the detector on rows [0, <paramref name="trainRows"/>).</summary>
    /// <param name="data">Raw values, row-major (at least the training rows).</param>
    /// <param name="channels">Values per row, ≥ 1; every one is forecast.</param>
    /// <param name="trainRows">The leading rows the detector learns from, ≥ 4.</param>
    /// <param name="configuration">Model, training and likelihood settings.</param>
    /// <param name="threshold">The alarm threshold on the score, in [0, 1].</param>
    /// <param name="timestamps">The rows' timestamps (at least the training rows'), or null: then no time of day and windows as written.</param>
    /// <param name="names">The channels' names, or null.</param>
    /// <returns>The first forecaster's definition, carrying the detector.</returns>
    public static ModelDefinition Build(ReadOnlySpan<float> data, int channels, int trainRows, DetectorConfiguration configuration, double threshold, IReadOnlyList<DateTime>? timestamps = null, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        int rows = data.Length / channels;
        if (trainRows < 4 || trainRows > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(trainRows), trainRows, $"Expected 4 to {rows} training rows.");
        }

        data = data[..(trainRows * channels)];
        int outputs = channels;
        bool timeOfDay = configuration.TimeOfDay && timestamps is not null;
        if (timeOfDay)
        {
            data = TimeFeatures.Append(data, channels, timestamps!.Take(trainRows).ToList());
            channels += TimeFeatures.Count;
        }

        var normalization = ForecastModelBuilder.Normalization(data, channels, trainRows);
        int modelRows = Math.Clamp((int)(trainRows * configuration.ModelTrainFraction), 4, trainRows);
        var period = timestamps is null ? null : SamplingPeriod.Measure(timestamps, trainRows);
        var models = new ModelDefinition[Math.Max(1, configuration.EnsembleSize)];
        for (int k = 0; k < models.Length; k++)
        {
            var member = configuration with { Seed = configuration.Seed + (ulong)k };
            var definition = ForecastModelBuilder.Train(data[..(modelRows * channels)], channels, outputs, modelRows, normalization, member);
            models[k] = configuration.Int8 ? ModelQuantizer.Quantize(definition, out _) : definition;
        }

        var metadata = new ModelMetadata
        {
            Task = ModelTask.Forecast,
            TargetChannels = [.. Enumerable.Range(0, outputs)],
            FeatureNames = names is { } n && n.Count == outputs ? [.. n, .. timeOfDay ? TimeOfDayNames : []] : [],
            SamplePeriodSeconds = period?.TotalSeconds ?? 0,
        };
        var likelihood = configuration.LikelihoodFor(period, trainRows);
        if (likelihood.Baseline == LikelihoodBaseline.TrainingMaximum && likelihood.ReferenceMaximum <= 0)
        {
            // The control limit comes from the training rows the model did not learn from.
            likelihood = likelihood with { SkipRows = modelRows, FreezeAfterRows = trainRows };
        }

        var detector = new DetectorDefinition(likelihood, threshold, [.. models[1..].Select(m => m.With(metadata: metadata))], timeOfDay, configuration.ChangePoints);
        var built = models[0].With(metadata: metadata, detector: detector);
        return likelihood.Baseline == LikelihoodBaseline.TrainingMaximum && likelihood.ReferenceMaximum <= 0
            ? StoreControlLimit(built, data, channels, timestamps, configuration)
            : built;
    }

    /// <summary>
    /// Runs the detector over its training rows to measure the control limit's base on the reference rows (those the model
    /// did not learn from), and stores it, so that any stream scores against it from its first rows (after the recurrent
    /// state's warm-up of one training window) and learns nothing.
    /// </summary>
    private static ModelDefinition StoreControlLimit(ModelDefinition built, ReadOnlySpan<float> rows, int inputs, IReadOnlyList<DateTime>? timestamps, DetectorConfiguration configuration)
    {
        var detector = new AnomalyDetector(Runtime.RnnModel.FromDefinition(built));
        int sample = detector.SampleSize;
        for (int r = 0; r < rows.Length / inputs; r++)
        {
            var values = rows.Slice(r * inputs, sample);
            _ = built.Detector!.TimeOfDay ? detector.Process(values, timestamps![r]) : detector.Process(values);
        }

        double level = detector.ReferenceLevel;
        if (!(level > 0))
        {
            throw new ArgumentException("Expected reference rows with a positive prediction error to set the control limit; found none (are the training rows constant?).", nameof(rows));
        }

        var likelihood = built.Detector!.Likelihood with { ReferenceMaximum = level, FreezeAfterRows = 0, SkipRows = Math.Min(built.Detector.Likelihood.SkipRows, configuration.WindowSteps) };
        var stored = new DetectorDefinition(likelihood, built.Detector.Threshold, built.Detector.Members, built.Detector.TimeOfDay, built.Detector.ChangePoints);
        return built.With(detector: stored);
    }
}
