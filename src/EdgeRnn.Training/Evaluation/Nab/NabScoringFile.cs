using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// One file made ready for NAB scoring: its anomaly scores, its probationary length, its windows as row ranges, and for
/// every row the scaled-sigmoid value a detection there would earn before the profile's weights are applied.
/// </summary>
/// <remarks>
/// NAB v1.1 rules (nab/sweeper.py, nab/scorer.py): the first min(⌊0.15·n⌋, 750) rows are not scored. Inside window k of
/// rows [L, R] and width W = R − L + 1, a detection at row i is worth A_TP·σ(−(R − i + 1)/W)/σ(−1). Outside every
/// window, a detection after window k is worth A_FP·σ(|i − R|/(W − 1)), and before the first window −A_FP. A window
/// whose rows all fall in the probationary period is not scored at all (NAB's sweeper only counts windows that have
/// a scored row). A window of one row makes W − 1 = 0, for which NAB divides by zero; here the following rows are
/// then charged the full −A_FP.
/// </remarks>
internal sealed class NabScoringFile
{
    /// <summary>NAB's probationary fraction of a file.</summary>
    public const double ProbationFraction = 0.15;

    private NabScoringFile(string name, double[] scores, int probationLength, int[] rowWindow, double[] rowSigmoid, bool[] windowScorable)
    {
        Name = name;
        Scores = scores;
        ProbationLength = probationLength;
        RowWindow = rowWindow;
        RowSigmoid = rowSigmoid;
        WindowScorable = windowScorable;
        ScorableWindowCount = windowScorable.Count(s => s);
    }

    /// <summary>The file's key, e.g. <c>realTweets/Twitter_volume_FB.csv</c>.</summary>
    public string Name { get; }

    /// <summary>The detector's score of every row.</summary>
    public IReadOnlyList<double> Scores { get; }

    public int RowCount => Scores.Count;

    /// <summary>The number of leading rows that are not scored.</summary>
    public int ProbationLength { get; }

    /// <summary>All labelled windows of the file.</summary>
    public int LabelledWindowCount => WindowScorable.Length;

    /// <summary>The windows that have at least one row after the probationary period (the ones a null detector misses).</summary>
    public int ScorableWindowCount { get; }

    /// <summary>For each row, the index of the window that holds it, or −1.</summary>
    internal int[] RowWindow { get; }

    /// <summary>For each row, σ of its relative position (inside a window) or of its distance past the last window.</summary>
    internal double[] RowSigmoid { get; }

    internal bool[] WindowScorable { get; }

    /// <summary>NAB's probationary length of a file of <paramref name="rowCount"/> rows: min(⌊0.15·n⌋, 750).</summary>
    public static int ProbationLengthOf(int rowCount) =>
        (int)Math.Min(Math.Floor(ProbationFraction * rowCount), ProbationFraction * 5000);

    /// <summary>Prepares a file from its timestamps, its scores and its windows.</summary>
    /// <param name="name">The file's key (used in messages and in results).</param>
    /// <param name="timestamps">Row timestamps in arrival order (they may repeat or step back); a window bound is the first row with that timestamp.</param>
    /// <param name="scores">The detector's score per row.</param>
    /// <param name="windows">The labelled windows, in order, not overlapping; each bound must be a row's timestamp.</param>
    public static NabScoringFile Create(string name, IReadOnlyList<DateTime> timestamps, IReadOnlyList<double> scores, IReadOnlyList<NabWindow> windows)
    {
        if (timestamps.Count != scores.Count)
        {
            throw new ArgumentException($"{name}: expected one score per row ({timestamps.Count} rows), found {scores.Count} scores", nameof(scores));
        }

        var ranges = new (int Start, int End)[windows.Count];
        for (int k = 0; k < windows.Count; k++)
        {
            int start = RowOf(timestamps, windows[k].Start, name, k, "start");
            int end = RowOf(timestamps, windows[k].End, name, k, "end");
            if (k > 0 && start <= ranges[k - 1].End)
            {
                throw new DataFileException(name, 0, $"window {k + 1}: expected it to start after window {k} ends ({TimestampText.Format(windows[k - 1].End)}), found {TimestampText.Format(windows[k].Start)}");
            }

            ranges[k] = (start, end);
        }

        return Create(name, scores.ToArray(), ranges);
    }

    /// <summary>Prepares a file whose windows are given as inclusive row ranges, in order and not overlapping.</summary>
    /// <exception cref="ArgumentException">A score is NaN, or a window is out of order or out of the file.</exception>
    public static NabScoringFile Create(string name, double[] scores, IReadOnlyList<(int Start, int End)> windowRows)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(windowRows);
        int n = scores.Length;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(scores[i]))
            {
                throw new ArgumentException($"{name}: expected a score for every row, found NaN at row {i}", nameof(scores));
            }
        }

        for (int k = 0; k < windowRows.Count; k++)
        {
            var (start, end) = windowRows[k];
            int previousWindowEnd = k == 0 ? -1 : windowRows[k - 1].End;
            if (start <= previousWindowEnd || end < start || end >= n)
            {
                throw new ArgumentException($"{name}: expected window {k + 1} to be rows after {previousWindowEnd} with start <= end < {n}, found rows {start}..{end}", nameof(windowRows));
            }
        }

        int probation = ProbationLengthOf(n);
        var rowWindow = new int[n];
        var rowSigmoid = new double[n];
        var scorable = new bool[windowRows.Count];
        int next = 0;
        int previousEnd = -1;
        double previousWidth = 0;
        for (int i = 0; i < n; i++)
        {
            while (next < windowRows.Count && windowRows[next].End < i)
            {
                previousEnd = windowRows[next].End;
                previousWidth = windowRows[next].End - windowRows[next].Start + 1;
                next++;
            }

            if (next < windowRows.Count && windowRows[next].Start <= i)
            {
                var (start, end) = windowRows[next];
                double width = end - start + 1;
                rowWindow[i] = next;
                rowSigmoid[i] = NabScaledSigmoid.Evaluate(-(end - i + 1) / width);
                scorable[next] |= i >= probation;
            }
            else
            {
                rowWindow[i] = -1;
                rowSigmoid[i] = previousEnd < 0 ? -1.0 : NabScaledSigmoid.Evaluate(Math.Abs(previousEnd - i) / (previousWidth - 1));
            }
        }

        return new NabScoringFile(name, scores, probation, rowWindow, rowSigmoid, scorable);
    }

    /// <summary>What a detection at <paramref name="row"/> is worth under <paramref name="profile"/>.</summary>
    internal double DetectionValue(int row, NabCostProfile profile) =>
        RowWindow[row] >= 0
            ? RowSigmoid[row] * profile.TruePositiveWeight / NabScaledSigmoid.LeftEdge
            : RowSigmoid[row] * profile.FalsePositiveWeight;

    private static int RowOf(IReadOnlyList<DateTime> timestamps, DateTime bound, string name, int window, string which)
    {
        // The first row with that timestamp, as NAB's list.index finds it; rows stay in arrival order, so no binary search.
        for (int row = 0; row < timestamps.Count; row++)
        {
            if (timestamps[row] == bound)
            {
                return row;
            }
        }

        throw new DataFileException(name, 0, $"window {window + 1}: expected its {which} {TimestampText.Format(bound)} to be the timestamp of a row, found no such row");
    }
}
