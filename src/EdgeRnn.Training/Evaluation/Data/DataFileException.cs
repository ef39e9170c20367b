namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>
/// An evaluation input file (a data CSV, a results CSV, a label or profile JSON) could not be read. The message names the
/// file and, when it applies, the 1-based line, and says what was expected and what was found.
/// </summary>
internal sealed class DataFileException : Exception
{
    public DataFileException()
    {
    }

    public DataFileException(string message)
        : base(message)
    {
    }

    public DataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a line of a file.</summary>
    /// <param name="path">The file that was read.</param>
    /// <param name="line">The 1-based line number, or 0 when the problem is not tied to one line.</param>
    /// <param name="problem">What was expected and what was found.</param>
    public DataFileException(string path, int line, string problem)
        : base(line > 0 ? $"{path}, line {line}: {problem}" : $"{path}: {problem}")
    {
        FilePath = path;
        Line = line;
    }

    /// <summary>The file that was read, when known.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number, or 0 when the problem is not tied to one line.</summary>
    public int Line { get; }
}
