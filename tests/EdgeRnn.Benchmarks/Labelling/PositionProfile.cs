using EdgeRnn.Runtime;

namespace EdgeRnn.Benchmarks.Labelling;

/// <summary>
/// Accuracy at each place in the window, every row at every place: for each of the N phases of the window grid, the
/// whole windows of N rows (side by side from that phase) run through <see cref="RnnWindow"/>, and each reading is counted
/// at its index in the window. So place p's figure covers (almost) every row of the file, not one row in N: the
/// difference between places is the window's doing, not which rows happened to fall there.
/// </summary>
internal sealed class PositionProfile
{
    private readonly long[] _correct;
    private readonly long[] _total;

    public PositionProfile(int window)
    {
        Window = window;
        _correct = new long[window];
        _total = new long[window];
    }

    public int Window { get; }

    /// <summary>Accuracy of the readings at places [from, to).</summary>
    public double Accuracy(int from, int to)
    {
        long correct = 0;
        long total = 0;
        for (int p = from; p < to; p++)
        {
            correct += _correct[p];
            total += _total[p];
        }

        return total == 0 ? 0 : (double)correct / total;
    }

    /// <summary>Counts the readings of one file at every phase.</summary>
    /// <param name="model">A label model.</param>
    /// <param name="inputs">rows × inputs.</param>
    /// <param name="labels">The class of each row.</param>
    public void Add(RnnModel model, float[] inputs, int[] labels)
    {
        int width = model.InputSize;
        int classes = model.OutputSize;
        var runner = model.CreateWindow(Window);
        var outputs = new float[Window * classes];
        for (int phase = 0; phase < Window; phase++)
        {
            for (int start = phase; start + Window <= labels.Length; start += Window)
            {
                runner.Run(inputs.AsSpan(start * width, Window * width), outputs);
                for (int p = 0; p < Window; p++)
                {
                    var row = outputs.AsSpan(p * classes, classes);
                    int best = 0;
                    for (int k = 1; k < classes; k++)
                    {
                        best = row[k] > row[best] ? k : best;
                    }

                    _correct[p] += best == labels[start + p] ? 1 : 0;
                    _total[p]++;
                }
            }
        }
    }
}
