using System.Globalization;

namespace EdgeRnn.Device.Pipeline;

/// <summary>
/// The summary of a labelling run against the source's label column: each read sample's class against its label, as a
/// confusion matrix; accuracy and per-class precision, recall and F1 (a figure whose denominator is zero is 0). A label
/// is the class whose name is that number ("1" or "1.0"), else, when no class name is a number, the class of that index.
/// Allocation-free per sample.
/// </summary>
internal sealed class LabelTally
{
    private readonly string[] _classes;
    private readonly double[] _numbers;
    private readonly long[] _counts;

    /// <summary>Creates an empty tally.</summary>
    /// <param name="classes">The class names, one per model output.</param>
    public LabelTally(string[] classes)
    {
        _classes = classes;
        _numbers = [.. classes.Select(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out double n) ? n : double.NaN)];
        _counts = new long[classes.Length * classes.Length];
    }

    /// <summary>Samples counted (read and labelled with a class).</summary>
    public long Total { get; private set; }

    /// <summary>Samples read whose label names no class.</summary>
    public long Unmatched { get; private set; }

    /// <summary>Counts one read sample; a NaN label (no label column) is not counted.</summary>
    /// <param name="reading">The model's class.</param>
    /// <param name="label">The label column's value.</param>
    public void Add(int reading, float label)
    {
        if (float.IsNaN(label))
        {
            return;
        }

        int truth = ClassOf(label);
        if (truth < 0)
        {
            Unmatched++;
            return;
        }

        _counts[(truth * _classes.Length) + reading]++;
        Total++;
    }

    /// <summary>The class a label value names, or −1.</summary>
    public int ClassOf(float label)
    {
        bool anyNumber = false;
        for (int c = 0; c < _numbers.Length; c++)
        {
            anyNumber |= !double.IsNaN(_numbers[c]);
            if (_numbers[c] == label)
            {
                return c;
            }
        }

        return !anyNumber && label >= 0 && label < _classes.Length && label == MathF.Floor(label) ? (int)label : -1;
    }

    /// <summary>The summary lines: accuracy, then precision, recall and F1 per class; none without labelled samples.</summary>
    public IEnumerable<string> Describe()
    {
        if (Total == 0 && Unmatched == 0)
        {
            yield break;
        }

        int n = _classes.Length;
        long correct = 0;
        for (int c = 0; c < n; c++)
        {
            correct += _counts[(c * n) + c];
        }

        yield return Text($"labels: {Total:N0} read samples against the label column{(Unmatched > 0 ? Text($" ({Unmatched:N0} more whose label names no class)") : string.Empty)}: accuracy {Ratio(correct, Total):F4}");
        for (int c = 0; c < n; c++)
        {
            long tp = _counts[(c * n) + c];
            long labelled = 0;
            long read = 0;
            for (int k = 0; k < n; k++)
            {
                labelled += _counts[(c * n) + k];
                read += _counts[(k * n) + c];
            }

            yield return Text($"  class {_classes[c]}: precision {Ratio(tp, read):F4}  recall {Ratio(tp, labelled):F4}  F1 {Ratio(2 * tp, labelled + read):F4}  ({labelled:N0} labelled, {read:N0} read)");
        }
    }

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
