namespace EdgeRnn.Recordings;

/// <summary>
/// The column names of the recording contract, matched ignoring case: which column holds the timestamps, which the
/// 0/1 (or class) labels, and which hold labels and so are never a sensor channel by default.
/// </summary>
public static class RecordingColumns
{
    /// <summary>The names of a timestamp column, in order of preference.</summary>
    public static IReadOnlyList<string> TimeNames { get; } = ["timestamp", "time", "datetime", "date", "ts", "t", "epoch", "unix", "time_s", "utc"];

    /// <summary>The names of a label column, in order of preference.</summary>
    public static IReadOnlyList<string> LabelNames { get; } = ["label", "anomaly", "class", "is_anomaly"];

    /// <summary>Label names and <c>changepoint</c>: columns that mark the data rather than measure it.</summary>
    public static IReadOnlyList<string> LabelLikeNames { get; } = [.. LabelNames, "changepoint"];

    /// <summary>The timestamp column of a header: the first of <see cref="TimeNames"/> it has.</summary>
    /// <param name="header">The column names.</param>
    /// <returns>Its index, or -1.</returns>
    public static int FindTime(IReadOnlyList<string> header) => FindFirst(header, TimeNames);

    /// <summary>The label column of a header: the first of <see cref="LabelNames"/> it has.</summary>
    /// <param name="header">The column names.</param>
    /// <returns>Its index, or -1.</returns>
    public static int FindLabel(IReadOnlyList<string> header) => FindFirst(header, LabelNames);

    /// <summary>Whether a name is one of <see cref="LabelLikeNames"/>.</summary>
    /// <param name="name">A column name.</param>
    /// <returns>True for a label-like name.</returns>
    public static bool IsLabelLike(string name) => LabelLikeNames.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>A named column: the exact name, else the name ignoring case.</summary>
    /// <param name="header">The column names.</param>
    /// <param name="name">The wanted name (spaces around ignored).</param>
    /// <returns>Its index, or -1.</returns>
    public static int IndexOf(IReadOnlyList<string> header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(name);
        string wanted = name.Trim();
        for (int i = 0; i < header.Count; i++)
        {
            if (header[i] == wanted)
            {
                return i;
            }
        }

        for (int i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], wanted, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindFirst(IReadOnlyList<string> header, IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(header);
        foreach (string name in names)
        {
            for (int i = 0; i < header.Count; i++)
            {
                if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
