using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>Errors of an encoder–decoder's outputs against its windows' targets, in the targets' own units.</summary>
internal static class Seq2SeqErrors
{
    /// <summary>
    /// The root mean squared error of each decoder step over every window and target channel, in the channels' units:
    /// each normalised difference times its channel's std in <paramref name="outputNormalization"/>.
    /// </summary>
    /// <param name="windows">The windows.</param>
    /// <param name="outputs">Their outputs, [count, horizon, out], normalised.</param>
    /// <param name="outputNormalization">The targets' normalisation.</param>
    public static double[] RmseByStep(Seq2SeqWindowSet windows, ReadOnlySpan<float> outputs, ChannelNormalization outputNormalization)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(outputNormalization);
        int n = windows.Horizon, o = windows.OutputSize;
        if (outputs.Length != windows.Count * n * o)
        {
            throw new ArgumentException($"Expected {windows.Count * n * o} outputs ([count, horizon, out]); found {outputs.Length}.", nameof(outputs));
        }

        var sums = new double[n];
        for (int w = 0; w < windows.Count; w++)
        {
            for (int k = 0; k < n; k++)
            {
                for (int c = 0; c < o; c++)
                {
                    int at = (((w * n) + k) * o) + c;
                    double error = (outputs[at] - windows.Targets[at]) * (double)outputNormalization.Std[c];
                    sums[k] += error * error;
                }
            }
        }

        return sums.Select(s => Math.Sqrt(s / Math.Max(1, windows.Count * o))).ToArray();
    }
}
