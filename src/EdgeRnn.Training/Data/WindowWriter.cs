using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>Copies one window into a batch slot; allocates nothing.</summary>
internal static class WindowWriter
{
    /// <summary>Writes a window.</summary>
    /// <param name="data">The data.</param>
    /// <param name="window">The window (from <see cref="WindowPlan"/> for the batch's length).</param>
    /// <param name="batch">The batch.</param>
    /// <param name="slot">The slot, in [0, capacity).</param>
    /// <param name="state">What the window means for the recurrent state.</param>
    public static void Write(TrainingData data, Window window, WindowBatch batch, int slot, SlotState state)
    {
        var sequence = data.Sequences[window.Sequence];
        int length = batch.Length;
        int s = window.Start;
        batch.States[slot] = state;
        batch.Windows[slot] = window;
        Span<float> inputs = batch.InputsOf(slot);
        switch (batch.Task)
        {
            case ModelTask.Forecast:
                sequence.Inputs.AsSpan(s * batch.InputWidth, inputs.Length).CopyTo(inputs);
                sequence.Targets.AsSpan((s + 1) * batch.TargetWidth, length * batch.TargetWidth).CopyTo(batch.TargetsOf(slot));
                break;
            case ModelTask.Label:
                sequence.Inputs.AsSpan(s * batch.InputWidth, inputs.Length).CopyTo(inputs);
                sequence.Labels.AsSpan(s, length).CopyTo(batch.StepLabelsOf(slot));
                break;
            case ModelTask.Classify:
                sequence.Inputs.AsSpan(s * batch.InputWidth, inputs.Length).CopyTo(inputs);
                batch.WindowLabels[slot] = sequence.Labels[s + length - 1];
                break;
            case ModelTask.Text:
                inputs.Clear();
                for (int t = 0; t < length; t++)
                {
                    inputs[(t * batch.InputWidth) + sequence.Labels[s + t]] = 1f;
                }

                sequence.Labels.AsSpan(s + 1, length).CopyTo(batch.StepLabelsOf(slot));
                break;
        }
    }

    /// <summary>Empties a slot: zeros, label −1, <see cref="SlotState.Unused"/>.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="slot">The slot.</param>
    public static void Clear(WindowBatch batch, int slot)
    {
        batch.States[slot] = SlotState.Unused;
        batch.Windows[slot] = default;
        batch.InputsOf(slot).Clear();
        batch.TargetsOf(slot).Clear();
        batch.StepLabelsOf(slot).Fill(-1);
        if (batch.WindowLabels.Length > 0)
        {
            batch.WindowLabels[slot] = -1;
        }
    }
}
