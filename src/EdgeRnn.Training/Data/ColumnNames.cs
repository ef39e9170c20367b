namespace EdgeRnn.Training.Data;

/// <summary>The columns chosen from the first file's header; every other file must have them too (in any order).</summary>
/// <param name="Time">The timestamp column, or null.</param>
/// <param name="Label">The label column, or null.</param>
/// <param name="Inputs">The input channels, in model order.</param>
/// <param name="TargetChannels">For forecast: the input channel each target is (indices into <paramref name="Inputs"/>).</param>
/// <param name="LeftOut">Numeric columns left out of the inputs because their names mark labels (for the summary).</param>
internal sealed record ColumnNames(string? Time, string? Label, IReadOnlyList<string> Inputs, IReadOnlyList<int> TargetChannels, IReadOnlyList<string> LeftOut);

/// <summary>Where the chosen columns are in one file's header.</summary>
/// <param name="FieldCount">The header's field count; every row must have it.</param>
/// <param name="Time">The timestamp field, or -1.</param>
/// <param name="Label">The label field, or -1.</param>
/// <param name="Inputs">The field of each input channel.</param>
internal sealed record ColumnLayout(int FieldCount, int Time, int Label, int[] Inputs)
{
    /// <summary>Finds the chosen columns in a header.</summary>
    /// <param name="header">The header fields (trimmed).</param>
    /// <param name="names">The chosen columns.</param>
    /// <param name="filePath">Named in errors.</param>
    /// <param name="headerLine">The header's 1-based line, named in errors.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="RecordingException">A chosen column is missing.</exception>
    public static ColumnLayout Map(IReadOnlyList<string> header, ColumnNames names, string filePath, int headerLine)
    {
        int time = names.Time is null ? -1 : ColumnSelector.Find(header, names.Time, "time column", filePath, headerLine);
        int label = names.Label is null ? -1 : ColumnSelector.Find(header, names.Label, "label column", filePath, headerLine);
        var inputs = names.Inputs.Select(n => ColumnSelector.Find(header, n, "input column", filePath, headerLine)).ToArray();
        return new ColumnLayout(header.Count, time, label, inputs);
    }
}
