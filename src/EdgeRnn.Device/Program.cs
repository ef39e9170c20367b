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
        var root = new RootCommand("EdgeRnn on the board: score sensor streams with a recurrent model, raise alarms, and measure what this machine can do. Without a command it runs the demo.");
        DemoCommand.Configure(root);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root;
    }

    private static int Main(string[] args) => CreateRootCommand().Parse(args).Invoke();
}
