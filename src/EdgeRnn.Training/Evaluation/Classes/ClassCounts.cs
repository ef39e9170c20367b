namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>
/// A confusion matrix of class readings against labels (rows: the label, columns: the reading), and its figures:
/// accuracy, per-class precision, recall and F1, and their macro mean. Additive, so files and seeds can be pooled.
/// A figure whose denominator is zero is 0.
/// </summary>
internal sealed class ClassCounts
{
    private readonly long[] _counts;

    /// <summary>An empty matrix.</summary>
    /// <param name="classes">The number of classes, ≥ 1.</param>
    public ClassCounts(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        Classes = classes;
        _counts = new long[classes * classes];
    }

    /// <summary>The number of classes.</summary>
    public int Classes { get; }

    /// <summary>Readings counted.</summary>
    public long Total { get; private set; }

    /// <summary>Readings equal to their label.</summary>
    public long Correct { get; private set; }

    /// <summary>Correct / Total.</summary>
    public double Accuracy => Ratio(Correct, Total);

    /// <summary>The macro mean of the per-class F1 over the classes that occur as a label or a reading.</summary>
    public double MacroF1
    {
        get
        {
            double sum = 0;
            int present = 0;
            for (int c = 0; c < Classes; c++)
            {
                if (Support(c) + Predicted(c) > 0)
                {
                    sum += F1(c);
                    present++;
                }
            }

            return present == 0 ? 0 : sum / present;
        }
    }

    /// <summary>Readings of class <paramref name="predicted"/> for rows labelled <paramref name="label"/>.</summary>
    public long this[int label, int predicted] => _counts[(label * Classes) + predicted];

    /// <summary>Counts one reading.</summary>
    /// <param name="label">The row's class.</param>
    /// <param name="predicted">The model's class.</param>
    public void Add(int label, int predicted)
    {
        _counts[(label * Classes) + predicted]++;
        Total++;
        Correct += label == predicted ? 1 : 0;
    }

    /// <summary>Adds another matrix of the same classes.</summary>
    /// <param name="other">The counts to add.</param>
    public void Add(ClassCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Classes != Classes)
        {
            throw new ArgumentException($"expected counts of {Classes} classes; found {other.Classes}.", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Total += other.Total;
        Correct += other.Correct;
    }

    /// <summary>Rows labelled <paramref name="c"/>.</summary>
    public long Support(int c)
    {
        long sum = 0;
        for (int p = 0; p < Classes; p++)
        {
            sum += this[c, p];
        }

        return sum;
    }

    /// <summary>Readings of class <paramref name="c"/>.</summary>
    public long Predicted(int c)
    {
        long sum = 0;
        for (int l = 0; l < Classes; l++)
        {
            sum += this[l, c];
        }

        return sum;
    }

    /// <summary>Of the readings of class c, the share labelled c.</summary>
    public double Precision(int c) => Ratio(this[c, c], Predicted(c));

    /// <summary>Of the rows labelled c, the share read as c.</summary>
    public double Recall(int c) => Ratio(this[c, c], Support(c));

    /// <summary>2·TP / (2·TP + FP + FN) of class c.</summary>
    public double F1(int c) => Ratio(2 * this[c, c], Support(c) + Predicted(c));

    private static double Ratio(long numerator, long denominator) => denominator == 0 ? 0 : (double)numerator / denominator;
}
