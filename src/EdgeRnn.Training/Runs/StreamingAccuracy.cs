using EdgeRnn.Runtime;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Training.Runs;

/// <summary>
/// How often a class model's most likely class equals the label, run as the board runs it: step by step through the
/// runtime over each whole validation segment (state carried through the segment), every step counted. A bidirectional
/// model runs consecutive windows of the training window length instead (<see cref="RnnWindow"/>, the last one shorter):
/// a Label model is read at every step, a Classify model at each window's last step.
/// </summary>
internal static class StreamingAccuracy
{
    /// <summary>The share of validation steps classified correctly; NaN without validation steps.</summary>
    /// <param name="model">A classify or label model over <paramref name="data"/>'s inputs.</param>
    /// <param name="data">Data with per-step labels.</param>
    /// <param name="window">The window length of a bidirectional model, ≥ 1 (unused otherwise).</param>
    /// <returns>The accuracy in [0, 1].</returns>
    public static double Of(RnnModel model, TrainingData data, int window = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.Definition.IsBidirectional)
        {
            return OfWindows(model, data, window);
        }

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

    private static double OfWindows(RnnModel model, TrainingData data, int window)
    {
        var runner = model.CreateWindow(window);
        int width = data.InputWidth;
        int outputs = model.OutputSize;
        bool lastOnly = model.Definition.Metadata.Task == Runtime.Model.ModelTask.Classify;
        var output = new float[window * outputs];
        long correct = 0;
        long steps = 0;
        foreach (var segment in data.ValidationSegments)
        {
            var sequence = data.Sequences[segment.Sequence];
            for (int start = segment.Start; start < segment.Start + segment.Length; start += window)
            {
                int length = Math.Min(window, segment.Start + segment.Length - start);
                runner.Run(sequence.RawInputs.AsSpan(start * width, length * width), output.AsSpan(0, length * outputs));
                for (int t = lastOnly ? length - 1 : 0; t < length; t++)
                {
                    var row = output.AsSpan(t * outputs, outputs);
                    int best = 0;
                    for (int k = 1; k < row.Length; k++)
                    {
                        best = row[k] > row[best] ? k : best;
                    }

                    correct += best == sequence.Labels[start + t] ? 1 : 0;
                    steps++;
                }
            }
        }

        return steps == 0 ? double.NaN : (double)correct / steps;
    }
}
