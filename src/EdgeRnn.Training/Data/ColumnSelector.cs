using EdgeRnn.Recordings;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Chooses the time, label, input and target columns from a header and which columns are numeric. The time and label
/// columns are found by the recording contract (<see cref="RecordingLayout"/>, <see cref="RecordingColumns"/>) unless the
/// options name them.
/// Names match exactly, else ignoring case. A column detected as the time column by its name but listed among the input
/// columns is an input. Without <c>--columns</c>, a forecast leaves out numeric columns named like labels
/// (<see cref="RecordingColumns.LabelLikeNames"/>): a model that forecast its own labels would need them on the board,
/// where they do not exist.
/// </summary>
internal static class ColumnSelector
{
    /// <summary>Chooses the columns.</summary>
    /// <param name="header">The header fields (trimmed).</param>
    /// <param name="numeric">For each column, whether it is numeric (at least half its non-empty sampled cells are numbers).</param>
    /// <param name="layout">The recording's layout: the time column it finds.</param>
    /// <param name="options">The user's choices.</param>
    /// <param name="filePath">Named in errors.</param>
    /// <param name="headerLine">The header's 1-based line, named in errors.</param>
    /// <returns>The chosen names.</returns>
    /// <exception cref="RecordingException">A named column is missing, used twice, or nothing numeric is left.</exception>
    public static ColumnNames Select(
        IReadOnlyList<string> header, IReadOnlyList<bool> numeric, RecordingLayout layout, DataOptions options, string filePath, int headerLine)
    {
        string? time = options.TimeColumn switch
        {
            null => layout.TimeColumn >= 0 ? header[layout.TimeColumn] : null,
            DataOptions.NoTimeColumn => null,
            var name => header[Find(header, name, "time column", filePath, headerLine)],
        };
        if (options.TimeColumn is null && time is not null
            && options.Columns?.Any(c => string.Equals(c.Trim(), time, StringComparison.OrdinalIgnoreCase)) == true)
        {
            // A column that only looks like a timestamp by its name and is listed as an input is an input.
            time = null;
        }

        string? label = options.LabelColumn is { } labelName ? header[Find(header, labelName, "label column", filePath, headerLine)] : null;
        if (label is null && options.Task is ModelTask.Classify or ModelTask.Label)
        {
            int found = RecordingColumns.FindLabel(header);
            label = found >= 0 ? header[found]
                : throw new RecordingException(filePath, headerLine, $"Expected a label column for the {options.Task.ToString().ToLowerInvariant()} task (--label-column, or one named {string.Join(", ", RecordingColumns.LabelNames)}); the header has: {string.Join(", ", header)}.");
        }

        if (label is not null && label == time)
        {
            throw new RecordingException(filePath, headerLine, $"Expected different time and label columns; both are '{label}'.");
        }

        string[] inputs;
        string[] leftOut = [];
        if (options.Columns is { } columns)
        {
            inputs = columns.Select(c => header[Find(header, c, "input column", filePath, headerLine)]).ToArray();
            foreach (string? special in new[] { time, label })
            {
                if (special is not null && inputs.Contains(special))
                {
                    throw new RecordingException(filePath, headerLine, $"Expected input columns other than the time and label columns; '{special}' is both.");
                }
            }
        }
        else
        {
            var numbers = Enumerable.Range(0, header.Count)
                .Where(i => header[i] != time && header[i] != label && numeric[i])
                .Select(i => header[i])
                .ToArray();
            bool labelLike(string name) => options.Task == ModelTask.Forecast && RecordingColumns.IsLabelLike(name);
            leftOut = numbers.Where(labelLike).ToArray();
            inputs = numbers.Where(n => !labelLike(n)).ToArray();
        }

        if (inputs.Length == 0)
        {
            throw new RecordingException(filePath, headerLine, $"Expected at least one numeric input column besides the time and label columns; the header has: {string.Join(", ", header)}.");
        }

        RejectDuplicates(inputs, "input column", filePath, headerLine);
        int[] targets = Enumerable.Range(0, inputs.Length).ToArray();
        if (options.TargetColumns is { } targetNames)
        {
            targets = targetNames.Select(t => Find(inputs, t, "target column (one of the input columns)", filePath, headerLine)).ToArray();
            RejectDuplicates(targets.Select(t => inputs[t]).ToArray(), "target column", filePath, headerLine);
        }

        return new ColumnNames(time, label, inputs, options.Task == ModelTask.Forecast ? targets : [], leftOut);
    }

    /// <summary>The index of a named column.</summary>
    /// <param name="header">The available names.</param>
    /// <param name="name">The wanted name (exact, else ignoring case).</param>
    /// <param name="role">What the column is for, for the error.</param>
    /// <param name="filePath">Named in the error.</param>
    /// <param name="headerLine">The header's 1-based line, named in the error.</param>
    /// <returns>Its index.</returns>
    /// <exception cref="RecordingException">No column has the name.</exception>
    public static int Find(IReadOnlyList<string> header, string name, string role, string filePath, int headerLine)
    {
        int found = RecordingColumns.IndexOf(header, name);
        return found >= 0 ? found
            : throw new RecordingException(filePath, headerLine, $"Expected a {role} named '{name.Trim()}'; the available columns are: {string.Join(", ", header)}.");
    }

    private static void RejectDuplicates(string[] names, string role, string filePath, int headerLine)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new RecordingException(filePath, headerLine, $"Expected each {role} once; '{duplicate.Key}' is listed {duplicate.Count()} times.");
        }
    }
}
