using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Trainer.Evaluation.Detector;

/// <summary>
/// The benchmark detector for one stream, in stream order and never looking ahead: it trains a one-step forecasting model on
/// the leading training rows only, then steps every row through the runtime (<see cref="RnnState.Step"/>, float32 or int8),
/// scoring each row by its error against the prediction made from the rows before it, through <see cref="AnomalyLikelihood"/>.
/// </summary>
internal static class StreamingDetector
{
    /// <summary>Scores every row of a stream.</summary>
    /// <param name="data">Raw values, row-major: row r is data[r·channels .. (r + 1)·channels).</param>
    /// <param name="channels">Values per row, ≥ 1.</param>
    /// <param name="trainRows">The leading rows the model learns from (NAB's probation, SKAB's first 400 rows).</param>
    /// <param name="configuration">The detector's settings.</param>
    /// <param name="timestamps">The rows' times; with <see cref="DetectorConfiguration.TimeOfDay"/> the model also reads the time of day (as HTM's NAB detector does).</param>
    /// <returns>One score in [0, 1] per row, and the raw errors.</returns>
    public static DetectorOutput Run(ReadOnlySpan<float> data, int channels, int trainRows, DetectorConfiguration configuration, IReadOnlyList<DateTime>? timestamps = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (data.Length % channels != 0)
        {
            throw new ArgumentException($"Expected whole rows of {channels} values, found {data.Length} values.", nameof(data));
        }

        int rows = data.Length / channels;
        if (trainRows < 4 || trainRows > rows)
        {
            throw new ArgumentOutOfRangeException(nameof(trainRows), trainRows, $"Expected 4 to {rows} training rows.");
        }

        int outputs = channels;
        if (configuration.TimeOfDay && timestamps is not null)
        {
            data = TimeFeatures.Append(data, channels, timestamps);
            channels += TimeFeatures.Count;
        }

        var normalization = ForecastModelBuilder.Normalization(data, channels, trainRows);
        int modelRows = Math.Clamp((int)(trainRows * configuration.ModelTrainFraction), 4, trainRows);
        var period = timestamps is null ? null : SamplingPeriod.Measure(timestamps, trainRows);
        var scorer = new EnsembleScorer(Build(data[..(modelRows * channels)], channels, outputs, normalization, configuration), normalization, configuration.LikelihoodFor(period));
        var scores = new double[rows];
        var errors = new double[rows];
        var predictions = new float[rows * outputs];
        int nextRetrain = configuration.RetrainEvery > 0 ? trainRows + configuration.RetrainEvery : int.MaxValue;
        for (int r = 0; r < rows; r++)
        {
            if (r == nextRetrain)
            {
                // Fine-tuning on the past only: rows [r − history, r) train the next model, which then warms up on the last window.
                int from = Math.Max(0, r - configuration.RetrainHistory);
                var model = Build(data[(from * channels)..(r * channels)], channels, outputs, normalization, configuration);
                int warm = Math.Min(configuration.WindowSteps, r);
                scorer.Replace(model, data[((r - warm) * channels)..(r * channels)]);
                nextRetrain += configuration.RetrainEvery;
            }

            scorer.Prediction.CopyTo(predictions.AsSpan(r * outputs, outputs));
            scores[r] = scorer.Next(data.Slice(r * channels, channels), out errors[r]);
        }

        return new DetectorOutput(scores, errors, predictions, period);
    }

    private static RnnModel[] Build(ReadOnlySpan<float> rows, int channels, int outputs, ChannelNormalization normalization, DetectorConfiguration configuration)
    {
        var models = new RnnModel[Math.Max(1, configuration.EnsembleSize)];
        for (int k = 0; k < models.Length; k++)
        {
            var member = configuration with { Seed = configuration.Seed + (ulong)k };
            var definition = ForecastModelBuilder.Train(rows, channels, outputs, rows.Length / channels, normalization, member);
            models[k] = RnnModel.FromDefinition(configuration.Int8 ? ModelQuantizer.Quantize(definition, out _) : definition);
        }

        return models;
    }
}

/// <summary>A stream's scores in [0, 1] and raw errors (NaN where no prediction was checked), one per row, and its sampling period measured on the training rows (null without timestamps).</summary>
internal sealed record DetectorOutput(double[] Scores, double[] Errors, float[] Predictions, TimeSpan? Period = null);
