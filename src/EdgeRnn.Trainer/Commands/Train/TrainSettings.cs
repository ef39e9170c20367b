using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Trainer.Calibration;
using EdgeRnn.Trainer.Data;
using EdgeRnn.Trainer.Training.Loop;

namespace EdgeRnn.Trainer.Commands.Train;

/// <summary>Everything <c>edgernn train</c> was asked to do, parsed from its options.</summary>
internal sealed record TrainSettings
{
    public required IReadOnlyList<string> Data { get; init; }

    public required string Output { get; init; }

    public required DataOptions DataOptions { get; init; }

    public required TrainerOptions TrainerOptions { get; init; }

    public required CalibrationOptions Calibration { get; init; }

    public CellKind Cell { get; init; } = CellKind.Lstm;

    public int Hidden { get; init; } = 64;

    public int Layers { get; init; } = 2;

    public int Window { get; init; } = 64;

    /// <summary>Steps between window starts; equal to <see cref="Window"/> when the state is carried.</summary>
    public int Stride { get; init; } = 16;

    public bool Quantize { get; init; } = true;

    /// <summary>Where the checkpoint is written after every epoch.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/>.</summary>
    public bool Resume { get; init; }

    /// <summary>The name of a cell kind as the options spell it.</summary>
    public static string CellName(CellKind kind) => kind switch
    {
        CellKind.RnnTanh => "rnn",
        CellKind.RnnRelu => "rnn-relu",
        CellKind.Gru => "gru",
        _ => "lstm",
    };

    /// <summary>The training facts stored in the model's properties (nothing that depends on the machine or the threads).</summary>
    public IEnumerable<KeyValuePair<string, string>> Properties()
    {
        var t = TrainerOptions;
        static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        yield return new("train.cell", CellName(Cell));
        yield return new("train.hidden", Hidden.ToString(CultureInfo.InvariantCulture));
        yield return new("train.layers", Layers.ToString(CultureInfo.InvariantCulture));
        yield return new("train.window", Window.ToString(CultureInfo.InvariantCulture));
        yield return new("train.stride", Stride.ToString(CultureInfo.InvariantCulture));
        yield return new("train.batch", t.BatchSize.ToString(CultureInfo.InvariantCulture));
        yield return new("train.optimizer", t.Optimizer.ToString().ToLowerInvariant());
        yield return new("train.lr", F(t.LearningRate));
        yield return new("train.schedule", t.Schedule.ToString().ToLowerInvariant());
        yield return new("train.clip", F(t.ClipNorm));
        yield return new("train.dropout", F(t.Dropout));
        yield return new("train.weight_decay", F(t.WeightDecay));
        yield return new("train.seed", t.Seed.ToString(CultureInfo.InvariantCulture));
        yield return new("train.validation_fraction", F(DataOptions.ValidationFraction));
    }
}
