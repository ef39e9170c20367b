namespace EdgeRnn.Training.Training;

/// <summary>
/// Training or validation windows, float32, batch-major: <see cref="Inputs"/> [count, steps, inputs]; for regression
/// <see cref="Targets"/> [count, steps, outputs]; for classification <see cref="Labels"/> [count, steps] (one per step) or
/// [count] (one per window), −1 meaning "no label". <see cref="Streams"/> tells which windows continue one another for
/// carried state: consecutive windows of one stream follow each other in time without overlap.
/// </summary>
internal sealed class WindowSet
{
    public WindowSet(int count, int steps, int inputSize, float[] inputs, int outputSize, float[]? targets = null, int[]? labels = null, int[]? streams = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputSize);
        ArgumentNullException.ThrowIfNull(inputs);
        Check(inputs.Length, count * steps * inputSize, "input values ([count, steps, inputs])");
        if (targets is null == labels is null)
        {
            throw new ArgumentException("Expected either targets (regression) or labels (classification), not both and not neither.");
        }

        if (targets is not null)
        {
            Check(targets.Length, count * steps * outputSize, "target values ([count, steps, outputs])");
        }

        if (labels is not null && labels.Length != count && labels.Length != count * steps)
        {
            throw new ArgumentException($"Expected {count} labels (one per window) or {count * steps} (one per step); found {labels.Length}.", nameof(labels));
        }

        if (streams is not null)
        {
            Check(streams.Length, count, "stream ids (one per window)");
        }

        CheckFinite(inputs, steps, inputSize, "input");
        if (targets is not null)
        {
            CheckFinite(targets, steps, outputSize, "target");
        }

        Count = count;
        Steps = steps;
        InputSize = inputSize;
        OutputSize = outputSize;
        Inputs = inputs;
        Targets = targets;
        Labels = labels;
        Streams = streams;
    }

    public int Count { get; }

    public int Steps { get; }

    public int InputSize { get; }

    public int OutputSize { get; }

    public float[] Inputs { get; }

    public float[]? Targets { get; }

    public int[]? Labels { get; }

    public int[]? Streams { get; }

    /// <summary>Whether window <paramref name="index"/> continues window index − 1 (same stream).</summary>
    public bool Continues(int index) => index > 0 && (Streams is null || Streams[index] == Streams[index - 1]);

    private static void CheckFinite(float[] values, int steps, int width, string what)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                int window = i / (steps * width);
                int step = i / width % steps;
                throw new ArgumentException($"Expected finite {what} values; found {values[i]} in window {window}, step {step}, channel {i % width}.");
            }
        }
    }

    private static void Check(int found, int expected, string what)
    {
        if (found != expected)
        {
            throw new ArgumentException($"Expected {expected} {what}; found {found}.");
        }
    }
}
