using System.Globalization;

namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>
/// The figures of class readings against labels: the confusion matrix of every read row (<see cref="Overall"/>) and, for
/// readings from windows, one matrix per <see cref="WindowPart"/>. Additive over files (<see cref="Add(ClassReadings, int[])"/>).
/// </summary>
internal sealed class ClassReport
{
    private static readonly WindowPart[] Parts = Enum.GetValues<WindowPart>();

    /// <summary>An empty report.</summary>
    /// <param name="classNames">The model's class names, one per output.</param>
    public ClassReport(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        ClassNames = classNames;
        Overall = new ClassCounts(classNames.Count);
        ByPart = [.. Parts.Select(_ => new ClassCounts(classNames.Count))];
    }

    /// <summary>The class names.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Every read row.</summary>
    public ClassCounts Overall { get; }

    /// <summary>The rows read in each <see cref="WindowPart"/>, indexed by the part; empty when the model stepped.</summary>
    public IReadOnlyList<ClassCounts> ByPart { get; }

    /// <summary>Rows of the recordings added, read or not.</summary>
    public long Rows { get; private set; }

    /// <summary>Counts the read rows of one recording.</summary>
    /// <param name="readings">The model's readings.</param>
    /// <param name="labels">The class of each row.</param>
    /// <exception cref="ArgumentException">There is not one label per row, or a label is not a class of the model.</exception>
    public void Add(ClassReadings readings, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Length != readings.Predicted.Length || readings.Classes != ClassNames.Count)
        {
            throw new ArgumentException($"expected {readings.Predicted.Length} labels of {readings.Classes} classes; found {labels.Length} of {ClassNames.Count}.", nameof(labels));
        }

        Rows += labels.Length;
        for (int r = 0; r < labels.Length; r++)
        {
            int predicted = readings.Predicted[r];
            if (predicted < 0)
            {
                continue;
            }

            if ((uint)labels[r] >= (uint)ClassNames.Count)
            {
                throw new ArgumentException($"row {r}: expected a class index below {ClassNames.Count}; found {labels[r]}.", nameof(labels));
            }

            Overall.Add(labels[r], predicted);
            int length = readings.WindowLength[r];
            if (length == 0)
            {
                continue;
            }

            foreach (var part in Parts)
            {
                if (In(part, readings.Position[r], length))
                {
                    ByPart[(int)part].Add(labels[r], predicted);
                }
            }
        }
    }

    /// <summary>Whether index <paramref name="p"/> of a window of <paramref name="length"/> rows is in <paramref name="part"/>.</summary>
    public static bool In(WindowPart part, int p, int length) => part switch
    {
        WindowPart.FirstStep => p == 0,
        WindowPart.FirstThird => 3L * p < length,
        WindowPart.MiddleThird => 3L * p >= length && 3L * p < 2L * length,
        WindowPart.LastThird => 3L * p >= 2L * length,
        _ => p == length - 1,
    };

    /// <summary>The report as lines of text: rows, accuracy, per-class figures, the confusion matrix and the window parts.</summary>
    /// <param name="name">What was read (a file name).</param>
    /// <returns>The lines.</returns>
    public IReadOnlyList<string> Describe(string name)
    {
        var o = Overall;
        var lines = new List<string>
        {
            Text($"{name}: {Rows} rows, {o.Total} read"),
            Text($"accuracy {o.Accuracy:F4}  macro F1 {o.MacroF1:F4}"),
        };
        int nameWidth = Math.Max(5, ClassNames.Max(n => n.Length));
        for (int c = 0; c < o.Classes; c++)
        {
            lines.Add(Text($"  class {ClassNames[c].PadRight(nameWidth)}  precision {o.Precision(c):F4}  recall {o.Recall(c):F4}  F1 {o.F1(c):F4}  ({o.Support(c)} labelled, {o.Predicted(c)} read)"));
        }

        lines.Add("confusion (rows: label, columns: reading): " + string.Join("  ", ClassNames));
        for (int l = 0; l < o.Classes; l++)
        {
            lines.Add(Text($"  {ClassNames[l].PadRight(nameWidth)}  {string.Join("  ", Enumerable.Range(0, o.Classes).Select(p => o[l, p].ToString(CultureInfo.InvariantCulture)))}"));
        }

        if (ByPart[0].Total > 0 || ByPart[(int)WindowPart.LastStep].Total > 0)
        {
            lines.Add("by place in the window (rows read there: accuracy, macro F1):");
            foreach (var part in Parts)
            {
                var p = ByPart[(int)part];
                lines.Add(Text($"  {PartName(part),-13} {p.Total,8}  accuracy {p.Accuracy:F4}  macro F1 {p.MacroF1:F4}"));
            }
        }

        return lines;
    }

    /// <summary>"first step", "first third", …</summary>
    public static string PartName(WindowPart part) => part switch
    {
        WindowPart.FirstStep => "first step",
        WindowPart.FirstThird => "first third",
        WindowPart.MiddleThird => "middle third",
        WindowPart.LastThird => "last third",
        _ => "last step",
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
