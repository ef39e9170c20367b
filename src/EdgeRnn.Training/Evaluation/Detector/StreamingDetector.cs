using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// The benchmarks' run of one stream, on the user's path and never looking ahead: <see cref="DetectorBuilder"/> trains the
/// detector on the leading rows (as <c>edgernn train</c> does), its model file is written to bytes and loaded back with
/// <see cref="RnnModel.Load(ReadOnlySpan{byte})"/>, and every row, in row order, takes the runtime's
/// <see cref="StreamDetector"/> path that <c>edgernn-device run</c> takes: the columns mapped onto the model's channels by
/// name, the detector, and the alarm decision with the model's defaults.
/// </summary>
internal static class StreamingDetector
{
    /// <summary>Scores every row of a stream.</summary>
    /// <param name="data">Raw values, row-major: row r is data[r·channels .. (r + 1)·channels).</param>
    /// <param name="channels">Values per row, ≥ 1.</param>
    /// <param name="trainRows">The leading rows the detector learns from (NAB's probation, SKAB's first 400 rows).</param>
    /// <param name="configuration">The detector's settings.</param>
    /// <param name="timestamps">The rows' times; with <see cref="DetectorConfiguration.TimeOfDay"/> the model also reads the time of day (as HTM's NAB detector does).</param>
    /// <param name="threshold">The alarm threshold written into the model.</param>
    /// <param name="names">The columns' names (written into the model and used to map the columns onto it), or null for ch0, ch1, ….</param>
    /// <returns>One score in [0, 1] per row, the raw errors, the alarm decisions, the change points and the model file.</returns>
    public static DetectorOutput Run(ReadOnlySpan<float> data, int channels, int trainRows, DetectorConfiguration configuration, IReadOnlyList<DateTime>? timestamps = null, double threshold = 1, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (data.Length % channels != 0)
        {
            throw new ArgumentException($"Expected whole rows of {channels} values, found {data.Length} values.", nameof(data));
        }

        int rows = data.Length / channels;
        if (timestamps is not null && timestamps.Count != rows)
        {
            throw new ArgumentException($"Expected one timestamp per row ({rows}), found {timestamps.Count}.", nameof(timestamps));
        }

        var definition = DetectorBuilder.Build(data, channels, trainRows, configuration, threshold, timestamps, names);
        byte[] file = RnnModel.FromDefinition(definition).ToBytes();
        var detector = new AnomalyDetector(RnnModel.Load(file));
        var stream = new StreamDetector(detector);
        stream.Bind(names ?? stream.SampleNames);
        var scores = new double[rows];
        var errors = new double[rows];
        var alarms = new bool[rows];
        var changepoints = new bool[rows];
        var predictions = new float[rows * channels];
        for (int r = 0; r < rows; r++)
        {
            detector.Prediction.CopyTo(predictions.AsSpan(r * channels, channels));
            var step = stream.Process(data.Slice(r * channels, channels), timestamps?[r] ?? default);
            var score = step.Score;
            scores[r] = score.Score;
            errors[r] = score.Error;
            alarms[r] = stream.Policy.IsActive;
            changepoints[r] = score.ChangePoint != LevelShift.None;
        }

        return new DetectorOutput(scores, errors, predictions, SamplingPeriod(definition))
        {
            Alarms = alarms,
            ChangePoints = changepoints,
            ModelFile = file,
        };
    }

    private static TimeSpan? SamplingPeriod(Runtime.Model.ModelDefinition definition) =>
        definition.Metadata.SamplePeriodSeconds > 0 ? TimeSpan.FromSeconds(definition.Metadata.SamplePeriodSeconds) : null;
}

/// <summary>A stream's scores in [0, 1] and raw errors (NaN where no prediction was checked), one per row, and its sampling period measured on the training rows (null without timestamps).</summary>
internal sealed record DetectorOutput(double[] Scores, double[] Errors, float[] Predictions, TimeSpan? Period = null)
{
    /// <summary>Per row, whether the score reached the model's alarm threshold.</summary>
    public bool[] Alarms { get; init; } = [];

    /// <summary>Per row, whether the detector reported a change point.</summary>
    public bool[] ChangePoints { get; init; } = [];

    /// <summary>The model file the rows were scored with.</summary>
    public byte[] ModelFile { get; init; } = [];
}
