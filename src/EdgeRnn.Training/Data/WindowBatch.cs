using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Reusable buffers for one mini-batch of windows, row-major and contiguous: <see cref="Inputs"/> is
/// [capacity, length, inputs]; forecast fills <see cref="Targets"/> [capacity, length, targets]; label and text fill
/// <see cref="StepLabels"/> [capacity, length]; classify fills <see cref="WindowLabels"/> [capacity]. Slots at or after
/// <see cref="Count"/> (shuffled batches) or marked <see cref="SlotState.Unused"/> (stream batches) hold zeros and
/// label −1 and must be left out of the loss.
/// </summary>
internal sealed class WindowBatch
{
    /// <summary>Creates buffers for a task's data.</summary>
    /// <param name="data">The data the batches come from.</param>
    /// <param name="capacity">Windows per batch, ≥ 1.</param>
    /// <param name="length">Steps per window, ≥ 1.</param>
    public WindowBatch(TrainingData data, int capacity, int length)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        Task = data.Task;
        Capacity = capacity;
        Length = length;
        InputWidth = data.InputWidth;
        TargetWidth = Task == ModelTask.Forecast ? data.OutputWidth : 0;
        Inputs = new float[checked(capacity * length * InputWidth)];
        Targets = new float[checked(capacity * length * TargetWidth)];
        StepLabels = Task is ModelTask.Label or ModelTask.Text ? new int[capacity * length] : [];
        WindowLabels = Task == ModelTask.Classify ? new int[capacity] : [];
        States = new SlotState[capacity];
        Windows = new Window[capacity];
    }

    /// <summary>The task, which decides which target buffer is filled.</summary>
    public ModelTask Task { get; }

    /// <summary>Windows the buffers hold.</summary>
    public int Capacity { get; }

    /// <summary>Steps per window.</summary>
    public int Length { get; }

    /// <summary>Input values per step.</summary>
    public int InputWidth { get; }

    /// <summary>Forecast target values per step; 0 for the other tasks.</summary>
    public int TargetWidth { get; }

    /// <summary>The number of slots holding a window (leading slots for shuffled batches).</summary>
    public int Count { get; internal set; }

    /// <summary>[capacity, length, inputs], normalised inputs (one-hot characters for text).</summary>
    public float[] Inputs { get; }

    /// <summary>[capacity, length, targets]: the next step of the target channels, normalised (forecast only).</summary>
    public float[] Targets { get; }

    /// <summary>[capacity, length]: the class of each step (label) or of the next character (text).</summary>
    public int[] StepLabels { get; }

    /// <summary>[capacity]: the class at each window's last step (classify).</summary>
    public int[] WindowLabels { get; }

    /// <summary>Per slot, whether the recurrent state continues from the same slot's previous window.</summary>
    public SlotState[] States { get; }

    /// <summary>Per slot, the window it holds (meaningless for unused slots).</summary>
    public Window[] Windows { get; }

    /// <summary>One slot's inputs, [length, inputs].</summary>
    /// <param name="slot">The slot, in [0, capacity).</param>
    /// <returns>The span.</returns>
    public Span<float> InputsOf(int slot) => Inputs.AsSpan(slot * Length * InputWidth, Length * InputWidth);

    /// <summary>One slot's step labels, [length] (label and text).</summary>
    /// <param name="slot">The slot, in [0, capacity).</param>
    /// <returns>The span.</returns>
    public Span<int> StepLabelsOf(int slot) => StepLabels.Length == 0 ? Span<int>.Empty : StepLabels.AsSpan(slot * Length, Length);

    /// <summary>One slot's forecast targets, [length, targets].</summary>
    /// <param name="slot">The slot, in [0, capacity).</param>
    /// <returns>The span.</returns>
    public Span<float> TargetsOf(int slot) => Targets.AsSpan(slot * Length * TargetWidth, Length * TargetWidth);
}

/// <summary>What a batch slot means for the recurrent state.</summary>
internal enum SlotState
{
    /// <summary>The slot holds no window; leave it out of the loss.</summary>
    Unused = 0,

    /// <summary>The window starts a stream (a new segment, or an independent window): reset the state to zero.</summary>
    Reset = 1,

    /// <summary>The window continues the slot's previous window of the same segment: carry the state over.</summary>
    Continue = 2,
}
