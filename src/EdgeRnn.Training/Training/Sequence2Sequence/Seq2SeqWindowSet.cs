using EdgeRnn.Training.Data;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>
/// Encoder–decoder windows, float32, batch-major: <see cref="Inputs"/> [count, steps, inputs] (normalised), the
/// decoder's first input <see cref="Starts"/> [count, outputs] and its <see cref="Targets"/> [count, horizon, outputs]
/// (target channels in output-normalised units). A forecast window starting at s reads rows s … s+T−1, starts from row
/// s+T−1's targets and forecasts rows s+T … s+T+N−1; a reconstruct window starts from zeros and its output k
/// (0-based) reconstructs row s+T−1−k, the window reversed, so output 0 is the newest row.
/// </summary>
internal sealed class Seq2SeqWindowSet
{
    private Seq2SeqWindowSet(int count, int steps, int inputSize, int outputSize, int horizon, float[] inputs, float[] rawInputs, float[] starts, float[] targets)
    {
        RawInputs = rawInputs;
        Count = count;
        Steps = steps;
        InputSize = inputSize;
        OutputSize = outputSize;
        Horizon = horizon;
        Inputs = inputs;
        Starts = starts;
        Targets = targets;
    }

    public int Count { get; }

    public int Steps { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public int Horizon { get; }

    public float[] Inputs { get; }

    /// <summary>The same rows as read (short gaps filled), [count, steps, inputs]: what a model file is run on.</summary>
    public float[] RawInputs { get; }

    public float[] Starts { get; }

    public float[] Targets { get; }

    /// <summary>
    /// Every window of one part of the split, in file then time order: starts every <paramref name="stride"/> steps of each
    /// gap-free segment while the window (and, for a forecast, its <paramref name="horizon"/> rows after it) fits.
    /// </summary>
    public static Seq2SeqWindowSet From(TrainingData data, SplitPart part, int steps, int stride, int horizon, bool reconstruct)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        if (reconstruct && horizon != steps)
        {
            throw new ArgumentException($"Expected a reconstruct horizon equal to the window ({steps} steps); found {horizon}.", nameof(horizon));
        }

        int needed = reconstruct ? steps : steps + horizon;
        var windows = new List<Window>();
        foreach (var segment in data.SegmentsOf(part))
        {
            for (int start = segment.Start; start + needed <= segment.Start + segment.Length; start += stride)
            {
                windows.Add(new Window(segment.Sequence, start));
            }
        }

        int f = data.InputWidth, o = data.OutputWidth, count = windows.Count;
        var inputs = new float[count * steps * f];
        var raw = new float[count * steps * f];
        var starts = new float[count * o];
        var targets = new float[count * horizon * o];
        for (int w = 0; w < count; w++)
        {
            var sequence = data.Sequences[windows[w].Sequence];
            int s = windows[w].Start;
            sequence.Inputs.AsSpan(s * f, steps * f).CopyTo(inputs.AsSpan(w * steps * f));
            sequence.RawInputs.AsSpan(s * f, steps * f).CopyTo(raw.AsSpan(w * steps * f));
            if (!reconstruct)
            {
                sequence.Targets.AsSpan((s + steps - 1) * o, o).CopyTo(starts.AsSpan(w * o));
            }

            for (int k = 0; k < horizon; k++)
            {
                int row = reconstruct ? s + steps - 1 - k : s + steps + k;
                sequence.Targets.AsSpan(row * o, o).CopyTo(targets.AsSpan(((w * horizon) + k) * o));
            }
        }

        return new Seq2SeqWindowSet(count, steps, f, o, horizon, inputs, raw, starts, targets);
    }
}
