using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>The time-of-day covariates of a row: sin and cos of 2π·(seconds since midnight)/86400.</summary>
internal static class TimeFeatures
{
    public const int Count = DetectorDefinition.TimeOfDayInputs;

    /// <summary>Rows of <paramref name="channels"/> values followed by the two time features of their timestamps.</summary>
    public static float[] Append(ReadOnlySpan<float> data, int channels, IReadOnlyList<DateTime> timestamps)
    {
        int rows = data.Length / channels;
        if (timestamps.Count != rows)
        {
            throw new ArgumentException($"Expected one timestamp per row ({rows}), found {timestamps.Count}.", nameof(timestamps));
        }

        int width = channels + Count;
        var result = new float[rows * width];
        for (int r = 0; r < rows; r++)
        {
            data.Slice(r * channels, channels).CopyTo(result.AsSpan(r * width));
            DetectorDefinition.WriteTimeOfDay(timestamps[r], result.AsSpan((r * width) + channels, Count));
        }

        return result;
    }
}
