using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Training.Training;

/// <summary>Bridges the data layer (<see cref="TrainingData"/>, <see cref="WindowBatcher"/>) to the trainer's <see cref="WindowSet"/>.</summary>
internal static class DataWindows
{
    /// <summary>The loss each task trains with: forecast MSE, classify last-step cross-entropy, label and text per-step cross-entropy.</summary>
    public static LossKind LossFor(ModelTask task) => task switch
    {
        ModelTask.Forecast => LossKind.MeanSquaredError,
        ModelTask.Classify => LossKind.CrossEntropyLastStep,
        ModelTask.Label or ModelTask.Text => LossKind.CrossEntropyPerStep,
        _ => throw new ArgumentOutOfRangeException(nameof(task), task, "Expected Forecast, Classify, Label or Text."),
    };

    /// <summary>
    /// Every window of one part of the split, in plan order (file, then time), copied into a <see cref="WindowSet"/>.
    /// With <paramref name="stride"/> = <paramref name="length"/> the windows of one gap-free segment share a stream id, so
    /// <see cref="Loop.TrainerOptions.CarryState"/> carries the state from each to the next; with any other stride every
    /// window is its own stream (windows overlap or leave steps out, so there is no state to carry).
    /// </summary>
    public static WindowSet FromTrainingData(TrainingData data, SplitPart part, int length, int stride)
    {
        ArgumentNullException.ThrowIfNull(data);
        var batcher = new WindowBatcher(data, part, length, stride, batchSize: 256);
        var batch = batcher.CreateBatch();
        int count = batcher.WindowCount;
        bool forecast = data.Task == ModelTask.Forecast;
        bool perWindow = data.Task == ModelTask.Classify;
        var inputs = new float[count * length * data.InputWidth];
        var targets = forecast ? new float[count * length * data.OutputWidth] : null;
        var labels = forecast ? null : new int[perWindow ? count : count * length];
        var streams = new int[count];
        var segments = data.SegmentsOf(part);
        int window = 0;
        batcher.StartInOrder();
        while (batcher.NextBatch(batch))
        {
            for (int slot = 0; slot < batch.Count; slot++, window++)
            {
                batch.InputsOf(slot).CopyTo(inputs.AsSpan(window * length * data.InputWidth));
                if (targets is not null)
                {
                    int width = length * data.OutputWidth;
                    batch.Targets.AsSpan(slot * width, width).CopyTo(targets.AsSpan(window * width));
                }
                else if (perWindow)
                {
                    labels![window] = batch.WindowLabels[slot];
                }
                else
                {
                    batch.StepLabelsOf(slot).CopyTo(labels.AsSpan(window * length));
                }

                streams[window] = stride == length ? SegmentOf(segments, batch.Windows[slot]) : window;
            }
        }

        return new WindowSet(count, length, data.InputWidth, inputs, data.OutputWidth, targets, labels, streams);
    }

    private static int SegmentOf(IReadOnlyList<Segment> segments, Window window)
    {
        for (int i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            if (s.Sequence == window.Sequence && window.Start >= s.Start && window.Start < s.Start + s.Length)
            {
                return i;
            }
        }

        throw new ArgumentException($"Expected window (sequence {window.Sequence}, start {window.Start}) inside one of the part's {segments.Count} segments; found none.", nameof(window));
    }
}
