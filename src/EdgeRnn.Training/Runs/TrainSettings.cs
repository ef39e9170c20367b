using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Runs;

/// <summary>Everything a training run was asked to do: <c>edgernn train</c>'s options or <see cref="RnnTrainingOptions"/>, with the defaults applied.</summary>
internal sealed partial record TrainSettings
{
    public required IReadOnlyList<string> Data { get; init; }

    /// <summary>The model file to write; null: none.</summary>
    public string? Output { get; init; }

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

    /// <summary>Why <see cref="Quantize"/> is what it is (the option, or which default), for the summary.</summary>
    public string WeightsReason { get; init; } = "--quantize";

    /// <summary>What a forecast model carries: a whole detector, or the simple rule.</summary>
    public DetectorKind Detector { get; init; } = DetectorKind.Simple;

    /// <summary>The detector's settings (the preset of <see cref="Detector"/> with the options applied); null for the simple rule.</summary>
    public EdgeRnn.Training.Evaluation.Detector.DetectorConfiguration? DetectorConfiguration { get; init; }

    /// <summary>The leading rows of each file the detector learns from; null for all but the validation part.</summary>
    public int? TrainRows { get; init; }

    /// <summary>The reference detector's alarm ratio.</summary>
    public double AlarmRatio { get; init; } = 2;

    /// <summary>Where the checkpoint is written after every epoch; null: none.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Continue from <see cref="CheckpointPath"/>.</summary>
    public bool Resume { get; init; }

    /// <summary>Bidirectional layers (classify and label tasks; whole windows).</summary>
    public bool Bidirectional { get; init; }

    /// <summary>The width of the learned token embedding (text task); 0 for one-hot inputs.</summary>
    public int Embedding { get; init; }

    /// <summary>The encoder–decoder's settings; null for a sequence network (the one-step forecaster and the other tasks).</summary>
    public Seq2SeqSettings? Decoder { get; init; }

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
        if (Bidirectional)
        {
            yield return new("train.bidirectional", "true");
        }

        if (Embedding > 0)
        {
            yield return new("train.embedding", Embedding.ToString(CultureInfo.InvariantCulture));
        }

        if (Decoder is { } d)
        {
            yield return new("train.horizon", d.Horizon.ToString(CultureInfo.InvariantCulture));
            yield return new("train.attention", d.Attention.ToString().ToLowerInvariant());
            yield return new("train.teacher_forcing", d.TeacherForcing.ToString());
        }
    }
}
