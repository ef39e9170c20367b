using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Sequence2Sequence;

namespace EdgeRnn.Training.Runs;

/// <summary>What an encoder–decoder run adds to <see cref="TrainSettings"/>.</summary>
/// <param name="Reconstruct">An autoencoder over windows (<c>--task reconstruct</c>) rather than a multi-step forecast.</param>
/// <param name="Horizon">Decoder steps: the forecast's rows, or the window for a reconstruction.</param>
/// <param name="Attention">The attention score.</param>
/// <param name="AttentionSize">The additive score's width; 0 for the other kinds.</param>
/// <param name="TeacherForcing">The chance of the true value after each decoder step, per epoch.</param>
internal sealed record Seq2SeqSettings(bool Reconstruct, int Horizon, AttentionKind Attention, int AttentionSize, TeacherForcing TeacherForcing)
{
    /// <summary>The model's task: <see cref="ModelTask.Reconstruct"/> or <see cref="ModelTask.Forecast"/>.</summary>
    public ModelTask Task => Reconstruct ? ModelTask.Reconstruct : ModelTask.Forecast;

    /// <summary>
    /// The encoder–decoder settings of options <paramref name="o"/>, or null when they ask for a sequence network; checks
    /// every option that makes no sense with (or without) a decoder.
    /// </summary>
    /// <exception cref="ArgumentException">Options that do not fit together, or a value out of range.</exception>
    public static Seq2SeqSettings? Create(RnnTrainingOptions o, int window, int hidden, CellKind cell)
    {
        ArgumentNullException.ThrowIfNull(o);
        var task = o.Task;
        bool reconstruct = task == ModelTask.Reconstruct;
        string taskName = task.ToString().ToLowerInvariant();
        Require(o.Horizon is null || task == ModelTask.Forecast, reconstruct
            ? $"--horizon: a reconstruct model outputs its whole window (--window, {window} rows); drop --horizon."
            : $"--horizon: expected --task forecast (an encoder–decoder forecasting that many rows); found --task {taskName}.");
        Require(o.Horizon is null or (>= 1 and <= ModelDefinition.MaxHorizon), $"--horizon: expected 1 to {ModelDefinition.MaxHorizon} rows; found {o.Horizon}.");
        bool decoder = reconstruct || o.Horizon > 1;
        const string what = "an encoder–decoder (--task forecast --horizon N above 1, or --task reconstruct)";
        Require(decoder || o.Attention == AttentionKind.None, $"--attention: expected {what}; found --task {taskName}{(task == ModelTask.Forecast ? $" --horizon {o.Horizon ?? 1}" : string.Empty)}.");
        Require(decoder || o.TeacherForcing is null, $"--teacher-forcing: expected {what}, whose decoder feeds its outputs back.");
        Require(decoder || o.ScheduledSampling == ScheduledSampling.None, $"--scheduled-sampling: expected {what}, whose decoder feeds its outputs back.");
        Require(o.AttentionSize is null || o.Attention == AttentionKind.Additive, $"--attention: a width (:{o.AttentionSize}) applies to the additive score only; found {o.Attention.ToString().ToLowerInvariant()}.");
        Require(o.TeacherForcing is null || o.ScheduledSampling == ScheduledSampling.None, "--teacher-forcing and --scheduled-sampling: expected one or the other (scheduled sampling sets the chance of the true value every epoch).");
        Require(o.TeacherForcing is null or (>= 0 and <= 1), $"--teacher-forcing: expected a chance in [0, 1]; found {o.TeacherForcing}.");
        Require(o.ScheduledSampling != ScheduledSampling.InverseSigmoid || (o.ScheduledSamplingK >= 1 && double.IsFinite(o.ScheduledSamplingK)), $"--scheduled-sampling inverse-sigmoid:k: expected a finite k ≥ 1; found {o.ScheduledSamplingK}.");
        Require(o.AttentionSize is null or (>= 1 and <= ModelDefinition.MaxWidth), $"--attention additive:A: expected A in [1, {ModelDefinition.MaxWidth}]; found {o.AttentionSize}.");
        if (!decoder)
        {
            return null;
        }

        Require(!o.Bidirectional, "--bidirectional: an encoder–decoder's encoder reads its window forward only (its final state starts the decoder); drop --bidirectional.");
        Require(!o.CarryState, "--carry-state: an encoder–decoder starts every window afresh; drop --carry-state.");
        Require(cell is CellKind.Lstm or CellKind.Gru, $"--cell: expected lstm or gru for an encoder–decoder; found {TrainSettings.CellName(cell)}.");
        Require(o.Dropout == 0, "--dropout: not supported by the encoder–decoder yet; drop --dropout.");
        Require(o.BurnIn == 0, "--burn-in: an encoder–decoder's loss is on its decoder's outputs only; drop --burn-in.");
        Require(!o.Resume, "--resume: an encoder–decoder trains in one go without checkpoints.");
        int horizon = reconstruct ? window : o.Horizon!.Value;
        int attentionSize = o.Attention == AttentionKind.Additive ? o.AttentionSize ?? hidden : 0;
        var teacher = o.ScheduledSampling == ScheduledSampling.None
            ? new TeacherForcing(o.TeacherForcing ?? 1)
            : new TeacherForcing(1, o.ScheduledSampling, o.ScheduledSamplingK);
        return new Seq2SeqSettings(reconstruct, horizon, o.Attention, attentionSize, teacher);
    }

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
