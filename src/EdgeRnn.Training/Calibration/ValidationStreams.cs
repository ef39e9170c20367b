using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// The validation part of the data (or, to check a model on other data, any part) as the raw samples a device would feed
/// the model: one stream per gap-free segment, steps × inputs, row-major. CSV steps are the raw readings (the model
/// normalises them itself); text steps are one-hot characters.
/// </summary>
internal static class ValidationStreams
{
    /// <summary>The validation segments of <paramref name="data"/> as raw input streams.</summary>
    /// <param name="data">Loaded data.</param>
    /// <param name="minimumSteps">Segments shorter than this are left out.</param>
    /// <returns>One array of steps × <see cref="TrainingData.InputWidth"/> values per segment.</returns>
    public static IReadOnlyList<float[]> Of(TrainingData data, int minimumSteps = 2) => Of(data, SplitPart.Validation, minimumSteps);

    /// <summary>The segments of one part of <paramref name="data"/> as raw input streams.</summary>
    /// <param name="data">Loaded data.</param>
    /// <param name="part">The part: with a validation fraction of 0, <see cref="SplitPart.Train"/> holds every usable row.</param>
    /// <param name="minimumSteps">Segments shorter than this are left out.</param>
    /// <returns>One array of steps × <see cref="TrainingData.InputWidth"/> values per segment.</returns>
    public static IReadOnlyList<float[]> Of(TrainingData data, SplitPart part, int minimumSteps = 2)
    {
        ArgumentNullException.ThrowIfNull(data);
        int width = data.InputWidth;
        var streams = new List<float[]>();
        foreach (var segment in data.SegmentsOf(part))
        {
            if (segment.Length < minimumSteps)
            {
                continue;
            }

            var sequence = data.Sequences[segment.Sequence];
            var stream = new float[segment.Length * width];
            if (data.Task == ModelTask.Text)
            {
                for (int t = 0; t < segment.Length; t++)
                {
                    stream[(t * width) + sequence.Labels[segment.Start + t]] = 1f;
                }
            }
            else
            {
                sequence.RawInputs.AsSpan(segment.Start * width, segment.Length * width).CopyTo(stream);
            }

            streams.Add(stream);
        }

        return streams;
    }

    /// <summary>The number of steps in all streams.</summary>
    /// <param name="streams">Streams of <paramref name="width"/> values per step.</param>
    /// <param name="width">Values per step.</param>
    /// <returns>The total steps.</returns>
    public static long Steps(IReadOnlyList<float[]> streams, int width) => streams.Sum(s => (long)(s.Length / width));
}
