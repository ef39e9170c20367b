namespace EdgeRnn.Trainer.Commands;

/// <summary>A command cannot run with the arguments it was given; the message says what was expected and what was found.</summary>
internal sealed class CommandInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandInputException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public CommandInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public CommandInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
