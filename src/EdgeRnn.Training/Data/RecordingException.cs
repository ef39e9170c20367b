namespace EdgeRnn.Training.Data;

/// <summary>
/// A recording (or the <c>--data</c> specification) cannot be used. The message names the file and, where it applies,
/// the 1-based line, says what was expected and what was found.
/// </summary>
public sealed class RecordingException : Exception
{
    /// <summary>Creates an error that concerns no single file (a glob with no match, an option that does not fit).</summary>
    /// <param name="message">What was expected and what was found.</param>
    public RecordingException(string message)
        : base(message)
    {
        FilePath = string.Empty;
    }

    /// <summary>Creates an error about one file, optionally at one line.</summary>
    /// <param name="filePath">The file.</param>
    /// <param name="line">The 1-based line, or 0 when the error concerns the whole file.</param>
    /// <param name="message">What was expected and what was found.</param>
    public RecordingException(string filePath, int line, string message)
        : base(line > 0 ? $"{filePath}, line {line}: {message}" : $"{filePath}: {message}")
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The file concerned, or empty.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line concerned, or 0.</summary>
    public int Line { get; }
}
