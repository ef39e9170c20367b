namespace EdgeRnn.Runtime;

/// <summary>
/// A model file could not be read: it is corrupt, truncated, of another format, of a newer format version, or describes
/// an absurd model. The message says what was expected and what was found, and where.
/// </summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
