namespace EdgeRnn.Recordings;

/// <summary>
/// A recording's text cannot be cut into records: a quoted field is not closed, or a record is longer than the reader's
/// limit. The message names the file and the 1-based line, and says what was expected and what was found.
/// </summary>
public sealed class CsvFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public CsvFormatException()
        : this(string.Empty)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public CsvFormatException(string message)
        : this(message, null!)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public CsvFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        FilePath = string.Empty;
        Problem = message;
    }

    /// <summary>Creates the exception for a line of a file.</summary>
    /// <param name="filePath">The file (or stream) read.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="problem">What was expected and what was found.</param>
    public CsvFormatException(string filePath, long line, string problem)
        : base($"{filePath}, line {line}: {problem}")
    {
        FilePath = filePath;
        Line = line;
        Problem = problem;
    }

    /// <summary>The file (or stream) read, or empty.</summary>
    public string FilePath { get; }

    /// <summary>The 1-based line, or 0.</summary>
    public long Line { get; }

    /// <summary>What was expected and what was found, without the file and line.</summary>
    public string Problem { get; }
}
