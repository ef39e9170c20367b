using EdgeRnn.Training.Training;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>Small, learnable window sets for trainer tests.</summary>
internal static class TrainingData
{
    /// <summary>Two phase-shifted sines, next-step targets; 80% train, 20% validate, split by time.</summary>
    public static (WindowSet Train, WindowSet Validation) SineWindows(int windows, int steps)
    {
        int length = (windows * steps) + 1;
        var series = new float[length * 2];
        for (int t = 0; t < length; t++)
        {
            series[2 * t] = MathF.Sin(t * 0.3f);
            series[(2 * t) + 1] = MathF.Cos(t * 0.3f) * 0.5f;
        }

        int trainCount = windows * 4 / 5;
        return (Build(series, 0, trainCount, steps), Build(series, trainCount, windows - trainCount, steps));
    }

    private static WindowSet Build(float[] series, int first, int count, int steps)
    {
        var inputs = new float[count * steps * 2];
        var targets = new float[count * steps * 2];
        for (int w = 0; w < count; w++)
        {
            int start = (first + w) * steps * 2;
            series.AsSpan(start, steps * 2).CopyTo(inputs.AsSpan(w * steps * 2));
            series.AsSpan(start + 2, steps * 2).CopyTo(targets.AsSpan(w * steps * 2));
        }

        return new WindowSet(count, steps, 2, inputs, 2, targets);
    }
}
