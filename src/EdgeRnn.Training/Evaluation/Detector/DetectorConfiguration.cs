using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// The one configuration of the streaming benchmark detector, used unchanged for every file of a corpus: the forecasting
/// model and its training, and the likelihood step that turns prediction errors into a score in [0, 1].
/// </summary>
internal sealed record DetectorConfiguration
{
    /// <summary>The configuration measured in the README (NAB and SKAB alike).</summary>
    public static DetectorConfiguration Default { get; } = new();

    public CellKind Cell { get; init; } = CellKind.Gru;

    public int HiddenSize { get; init; } = 32;

    /// <summary>Stacked recurrent layers.</summary>
    public int Layers { get; init; } = 1;

    /// <summary>Steps per training window.</summary>
    public int WindowSteps { get; init; } = 32;

    /// <summary>Rows between the starts of consecutive training windows.</summary>
    public int WindowStride { get; init; } = 4;

    public int Epochs { get; init; } = 30;

    public int BatchSize { get; init; } = 16;

    public double LearningRate { get; init; } = 3e-3;

    public ulong Seed { get; init; } = 1;

    /// <summary>
    /// The fraction of the training rows the model learns from, in (0, 1]; the rest give the likelihood out-of-sample errors
    /// to learn from (with <see cref="LikelihoodParameters.SkipRows"/> set to skip the in-sample ones).
    /// </summary>
    public double ModelTrainFraction { get; init; } = 1.0;

    /// <summary>Models in the ensemble (seeds Seed, Seed + 1, …); the error is taken against the mean of their forecasts.</summary>
    public int EnsembleSize { get; init; } = 5;

    /// <summary>Give the model the time of day (sin and cos of the daily phase) besides the values, when timestamps are known.</summary>
    public bool TimeOfDay { get; init; } = true;

    /// <summary>The change-point rule on the prediction error, or null for none.</summary>
    public ChangePointParameters? ChangePoints { get; init; }

    /// <summary>Run the model with int8 weights (<see cref="ModelQuantizer"/>) instead of float32.</summary>
    public bool Int8 { get; init; }

    /// <summary>The likelihood step, its windows in rows written for <see cref="LikelihoodPeriod"/> and <see cref="LikelihoodTrainingRows"/>.</summary>
    public LikelihoodParameters Likelihood { get; init; } = LikelihoodParameters.Default;

    /// <summary>
    /// The sampling period the likelihood's windows are written for (NAB: 5 minutes); with
    /// <see cref="LikelihoodTrainingRows"/> it decides how much a slower, shorter stream's windows shrink
    /// (<see cref="LikelihoodTiming"/>).
    /// </summary>
    public TimeSpan LikelihoodPeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The training rows the likelihood's windows are written for (NAB: its full probation of 750 rows); 0 keeps them whatever the stream.</summary>
    public int LikelihoodTrainingRows { get; init; } = 750;

    /// <summary>The share of each written window kept by a stream sampled every <paramref name="period"/> (null when unknown) and trained on <paramref name="trainingRows"/> rows.</summary>
    public double WindowFactor(TimeSpan? period, int trainingRows) => LikelihoodTiming.Factor(LikelihoodPeriod, LikelihoodTrainingRows, period, trainingRows);

    /// <summary>The likelihood for a stream sampled every <paramref name="period"/> (null when unknown) and trained on <paramref name="trainingRows"/> rows.</summary>
    public LikelihoodParameters LikelihoodFor(TimeSpan? period, int trainingRows) => LikelihoodTiming.Scaled(Likelihood, WindowFactor(period, trainingRows));

    /// <summary>One line per setting, for reports.</summary>
    public IReadOnlyList<string> Describe() =>
    [
        Text($"model: {EnsembleSize} x {Cell} {Layers} x {HiddenSize}, one-step forecast of every channel{(TimeOfDay ? " from the values and the time of day" : string.Empty)}, {(Int8 ? "int8" : "float32")} weights in the runtime"),
        Text($"training: windows of {WindowSteps} rows every {WindowStride} rows of the first {ModelTrainFraction:G3} of the training part, {Epochs} epochs, batch {BatchSize}, Adam {LearningRate:G3}, seed {Seed}"),
        Text($"windows: rows as written for rows of {LikelihoodPeriod} and {LikelihoodTrainingRows} training rows; a stream sampled slower (median step of its training rows) and trained on fewer rows keeps the larger of the two ratios of each window"),
        Text($"score: {(Likelihood.ChannelError == ChannelErrorKind.RootMeanSquare ? "root-mean-square" : "mean")} |error| over channels in training std units -> short mean {Likelihood.ShortWindow} -> {Baseline()}{(Likelihood.ValueWindow > 0 ? Text($"; the same of |value - mean| / std of the last {Likelihood.ValueWindow} values (short mean {Likelihood.ValueShortWindow}), larger score kept") : string.Empty)}; spatial check {Likelihood.SpatialTolerance:G3} of the range of the last {(Likelihood.SpatialWindow > 0 ? Text($"{Likelihood.SpatialWindow}") : "all")} rows, {(Likelihood.SuppressionLevel > 0 ? Text($"hold-off of {Likelihood.SuppressionRows} rows x {Likelihood.SuppressionFactor:G3} after a score >= {Likelihood.SuppressionLevel:G3}") : Text($"suppression {Likelihood.SuppressionRows} rows x {Likelihood.SuppressionFactor:G3} below the last peak"))}"),
    ];

    private string Baseline() => Likelihood.Baseline == LikelihoodBaseline.TrainingMaximum
        ? Text($"ratio r to the largest short mean of rows {Likelihood.SkipRows}-{Likelihood.FreezeAfterRows}, score r/(1 + r)")
        : Text($"Gaussian of the last {Likelihood.LongWindow} short means{(Likelihood.FreezeAfterRows > 0 ? Text($" (frozen after {Likelihood.FreezeAfterRows} rows)") : string.Empty)} -> {(Likelihood.LogScale ? "HTM log scale of 1 - Q" : Text($"z+/(z+ + {Likelihood.ZScale:G3})"))}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
