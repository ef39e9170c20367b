using Spectre.Console;

namespace EdgeRnn.Trainer.Commands;

/// <summary>Spectre.Console consoles that write to a command's output writer.</summary>
internal static class ConsoleOutput
{
    /// <summary>The width used when the output is not a terminal (a file, a pipe, a test).</summary>
    public const int RedirectedWidth = 120;

    /// <summary>A console writing to <paramref name="writer"/>: colours on a terminal, plain text anywhere else.</summary>
    /// <param name="writer">The command's output.</param>
    /// <returns>The console.</returns>
    public static IAnsiConsole For(TextWriter writer)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
