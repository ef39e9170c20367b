using System.CommandLine;
using System.Text.Json;
using EdgeRnn.Runtime;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// Runs the body of a command: errors the user can fix (a missing or malformed file, a bad argument) become a one-line
/// message on the error writer and exit code 1, without a stack trace; anything else is a bug and is left to the default handler.
/// </summary>
internal static class CommandRunner
{
    /// <summary>The exit code of a successful command.</summary>
    public const int Success = 0;

    /// <summary>The exit code of a command stopped by bad input.</summary>
    public const int UserError = 1;

    /// <summary>Runs <paramref name="body"/> with the invocation's standard output.</summary>
    /// <param name="parseResult">The parse result handed to the command's action.</param>
    /// <param name="body">The command's work; it returns the exit code.</param>
    /// <returns>The exit code.</returns>
    public static int Run(ParseResult parseResult, Func<TextWriter, int> body)
    {
        var configuration = parseResult.InvocationConfiguration;
        try
        {
            return body(configuration.Output);
        }
        catch (Exception exception) when (IsUserError(exception))
        {
            configuration.Error.WriteLine("error: " + OneLine(exception.Message));
            return UserError;
        }
    }

    private static bool IsUserError(Exception exception) =>
        exception is ModelFormatException or InvalidDataException or NotSupportedException or IOException or UnauthorizedAccessException or JsonException or CommandInputException;

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
