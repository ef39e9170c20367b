using EdgeRnn.Runtime;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Training.Runs;

/// <summary>
/// How often a class model's most likely class equals the label, run as the board runs it: step by step through the
/// runtime over each whole validation segment (state carried through the segment), every step counted.
/// </summary>
internal static class StreamingAccuracy
{
    /// <summary>The share of validation steps classified correctly; NaN without validation steps.</summary>
    /// <param name="model">A classify or label model over <paramref name="data"/>'s inputs.</param>
    /// <param name="data">Data with per-step labels.</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Of(RnnModel model, TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        var state = model.CreateState();
        var output = new float[model.OutputSize];
        int width = data.InputWidth;
        long correct = 0;
        long steps = 0;
        foreach (var segment in data.ValidationSegments)
        {
            var sequence = data.Sequences[segment.Sequence];
            state.Reset();
            for (int t = segment.Start; t < segment.Start + segment.Length; t++)
            {
                state.Step(sequence.RawInputs.AsSpan(t * width, width), output);
                int best = 0;
                for (int k = 1; k < output.Length; k++)
                {
                    best = output[k] > output[best] ? k : best;
                }

                correct += best == sequence.Labels[t] ? 1 : 0;
                steps++;
            }
        }

        return steps == 0 ? double.NaN : (double)correct / steps;
    }
}
