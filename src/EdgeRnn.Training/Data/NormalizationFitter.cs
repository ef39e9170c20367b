using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Fits per-channel normalisation on the training part only: the mean and the population standard deviation over every
/// training step of every file, accumulated in double. A channel whose std is below the floor is constant in training:
/// it is normalised with std 1 (so it stays near 0 and a later change is not blown up) and reported.
/// </summary>
internal static class NormalizationFitter
{
    /// <summary>Fits the normalisation.</summary>
    /// <param name="recordings">The files.</param>
    /// <param name="trainLengths">Per file, its leading training steps.</param>
    /// <param name="names">The channel names.</param>
    /// <param name="stdFloor">The std below which a channel is constant, ≥ 0.</param>
    /// <returns>The normalisation and the per-channel statistics.</returns>
    /// <exception cref="RecordingException">There is no training step.</exception>
    public static (ChannelNormalization Normalization, ChannelSummary[] Channels) Fit(
        IReadOnlyList<Recording> recordings, IReadOnlyList<int> trainLengths, IReadOnlyList<string> names, double stdFloor)
    {
        int channels = names.Count;
        long count = trainLengths.Sum(l => (long)l);
        if (count == 0)
        {
            throw new RecordingException("Expected training steps to fit the normalisation; every file's usable steps went to validation (lower the validation fraction or add data).");
        }

        var sum = new double[channels];
        var min = Enumerable.Repeat(double.PositiveInfinity, channels).ToArray();
        var max = Enumerable.Repeat(double.NegativeInfinity, channels).ToArray();
        ForEachTrainValue(recordings, trainLengths, channels, (c, v) =>
        {
            sum[c] += v;
            min[c] = Math.Min(min[c], v);
            max[c] = Math.Max(max[c], v);
        });
        var mean = sum.Select(s => s / count).ToArray();
        var squares = new double[channels];
        ForEachTrainValue(recordings, trainLengths, channels, (c, v) => squares[c] += (v - mean[c]) * (v - mean[c]));

        var summaries = new ChannelSummary[channels];
        var meanF = new float[channels];
        var stdF = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            double std = Math.Sqrt(squares[c] / count);
            bool constant = std < stdFloor || (float)std <= 0f;
            summaries[c] = new ChannelSummary(names[c], mean[c], std, min[c], max[c], constant);
            meanF[c] = (float)mean[c];
            stdF[c] = constant ? 1f : (float)std;
        }

        return (new ChannelNormalization(meanF, stdF), summaries);
    }

    private static void ForEachTrainValue(IReadOnlyList<Recording> recordings, IReadOnlyList<int> trainLengths, int channels, Action<int, double> visit)
    {
        for (int f = 0; f < recordings.Count; f++)
        {
            float[] values = recordings[f].Values;
            int end = trainLengths[f] * channels;
            for (int i = 0; i < end; i++)
            {
                visit(i % channels, values[i]);
            }
        }
    }
}
