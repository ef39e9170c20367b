using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Training.Loop;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Training;

/// <summary>
/// What <see cref="RnnTrainer.Train"/> trains: the options of <c>edgernn train</c> (named in each summary), with the same
/// defaults. A null value takes the default of the chosen <see cref="Detector"/>, as the command's does.
/// </summary>
public sealed record RnnTrainingOptions
{
    /// <summary>The input channels, in this order (<c>--columns</c>); null: every numeric column but time and label.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// The timestamp column, ISO 8601 or Unix seconds; <c>"none"</c> for none (<c>--time-column</c>); null: the one the
    /// recording contract finds (named timestamp, time, datetime, date, ts, t, epoch, unix, time_s or utc).
    /// </summary>
    public string? TimeColumn { get; init; }

    /// <summary>What the forecasting model carries to detect anomalies (<c>--detector</c>); default <see cref="DetectorKind.Reference"/>.</summary>
    public DetectorKind Detector { get; init; } = DetectorKind.Reference;

    /// <summary>A detector's forecasters, 1 to 63, seeds <see cref="Seed"/>, <see cref="Seed"/> + 1, ... (<c>--ensemble</c>); default 5.</summary>
    public int Ensemble { get; init; } = 5;

    /// <summary>A detector's training rows at the start of each file (<c>--train-rows</c>, at least 4); null: all but the validation part.</summary>
    public int? TrainRows { get; init; }

    /// <summary>The reference detector's alarm: the recent error at this many times the largest of the reference rows, above 1 (<c>--alarm-ratio</c>); default 2.</summary>
    public double AlarmRatio { get; init; } = 2;

    /// <summary>Whether a detector reports change points of the error's level (<c>--change-points</c>); null: on for the reference detector, off for the adaptive one.</summary>
    public bool? ChangePoints { get; init; }

    /// <summary>The recurrent cell (<c>--cell</c>); null: GRU for a detector, LSTM otherwise.</summary>
    public CellKind? Cell { get; init; }

    /// <summary>Hidden units per layer, 1 to 8192 (<c>--hidden</c>); null: 32 for a detector, 64 otherwise.</summary>
    public int? Hidden { get; init; }

    /// <summary>Stacked recurrent layers, 1 to 4 (<c>--layers</c>); null: 1 for a detector, 2 otherwise.</summary>
    public int? Layers { get; init; }

    /// <summary>The window in steps, the truncated BPTT length (<c>--window</c>); null: 32 for a detector, 64 otherwise.</summary>
    public int? Window { get; init; }

    /// <summary>Most epochs (<c>--epochs</c>); null: 30 for a detector (every one trained), 20 otherwise.</summary>
    public int? Epochs { get; init; }

    /// <summary>The learning rate (<c>--lr</c>); null: 0.003 for a detector, 0.001 otherwise.</summary>
    public double? LearningRate { get; init; }

    /// <summary>The seed of initialisation, shuffling and dropout (<c>--seed</c>): the same seed gives the same model bytes; default 1.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Training threads, 0 for every core (<c>--threads</c>); the result does not depend on it; default 0.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// Int8 weights (true) or float32 (<c>--quantize</c>); null: float32 for a detector, otherwise int8 from 64 hidden
    /// units up, where int8 steps faster.
    /// </summary>
    public bool? Quantize { get; init; }

    /// <summary>
    /// The share of each file, at its end, kept for validation and calibration, in [0, 1) (<c>--validation-fraction</c>);
    /// null: 0 for the reference detector (the last quarter of its training rows is its reference), 0.2 otherwise.
    /// </summary>
    public double? ValidationFraction { get; init; }

    /// <summary>The alarm threshold's allowance of alarm onsets per day on validation (<c>--false-alarms-per-day</c>); default 1.</summary>
    public double FalseAlarmsPerDay { get; init; } = 1;

    /// <summary>
    /// Forecast: the rows forecast from each window (<c>--horizon</c>), 1 to <see cref="ModelDefinition.MaxHorizon"/>;
    /// above 1 trains an encoder–decoder over windows of <see cref="Window"/> rows (no detector; the model runs whole
    /// windows through <c>RnnModel.CreateSequenceDecoder</c>); null: 1, the one-step forecaster.
    /// </summary>
    public int? Horizon { get; init; }

    /// <summary>An encoder–decoder's attention over the encoder's outputs (<c>--attention</c>); default none.</summary>
    public AttentionKind Attention { get; init; }

    /// <summary>The additive attention's width A, 1 to 8192 (<c>--attention additive:A</c>); null: the hidden size.</summary>
    public int? AttentionSize { get; init; }

    /// <summary>
    /// An encoder–decoder's chance, in [0, 1], of being fed the true value after each decoder step while it trains,
    /// drawn per window and step from the seed (<c>--teacher-forcing</c>); 1 is classic teacher forcing, 0 always its own
    /// output; null: 1. Not with <see cref="ScheduledSampling"/>. Validation always runs free (its own outputs).
    /// </summary>
    public double? TeacherForcing { get; init; }

    /// <summary>An encoder–decoder's decaying chance of the true value instead (<c>--scheduled-sampling</c>); default none.</summary>
    public ScheduledSampling ScheduledSampling { get; init; }

    /// <summary>k of <see cref="ScheduledSampling.InverseSigmoid"/>, at least 1 (<c>--scheduled-sampling inverse-sigmoid:k</c>).</summary>
    public double ScheduledSamplingK { get; init; }

    // The rest of edgernn train's options, which the command sets; not promised yet.
    internal ModelTask Task { get; init; } = ModelTask.Forecast;

    internal IReadOnlyList<string>? TargetColumns { get; init; }

    internal string? LabelColumn { get; init; }

    internal int? Stride { get; init; }

    internal bool CarryState { get; init; }

    /// <summary>Bidirectional layers (PyTorch's bidirectional=True): each layer also reads every window backward; Classify and Label tasks only; the model then runs whole windows (RnnModel.CreateWindow), not steps.</summary>
    internal bool Bidirectional { get; init; }

    /// <summary>Text task only: the width E of a learned embedding (PyTorch's nn.Embedding(V, E)) of the characters, in front of layer 0, instead of one-hot inputs; 0 for none.</summary>
    internal int Embedding { get; init; }

    internal int BurnIn { get; init; }

    internal int? Batch { get; init; }

    internal double Clip { get; init; } = 1;

    internal double Dropout { get; init; }

    internal double WeightDecay { get; init; }

    internal OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    internal ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    internal int Patience { get; init; } = 10;

    internal double? AlarmQuantile { get; init; }

    internal int ScoreLongWindow { get; init; }

    internal int ScoreShortWindow { get; init; } = CalibrationOptions.DefaultShortWindow;

    internal bool Resume { get; init; }

    internal string? CheckpointPath { get; init; }
}
