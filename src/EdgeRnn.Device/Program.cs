using System.CommandLine;
using EdgeRnn.Device.Commands;

namespace EdgeRnn.Device;

/// <summary>The board command line, <c>edgernn-device</c>.</summary>
internal static class Program
{
    /// <summary>The root command with every subcommand registered; tests parse and invoke it in-process.</summary>
    /// <returns>A new root command.</returns>
    internal static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("EdgeRnn on the board: run recurrent models on sensor streams and measure what this machine can do.");
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    private static int Main(string[] args) => CreateRootCommand().Parse(args).Invoke();
}
