using System.CommandLine;
using EdgeRnn.Trainer.Commands;

namespace EdgeRnn.Trainer;

/// <summary>The desktop command line, <c>edgernn</c>.</summary>
internal static class Program
{
    /// <summary>The root command with every subcommand registered; tests parse and invoke it in-process.</summary>
    /// <returns>A new root command.</returns>
    internal static RootCommand CreateRootCommand()
    {
        var root = new RootCommand("EdgeRnn: train, import, inspect, quantize, evaluate and run step-by-step recurrent models for edge devices.");
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(QuantizeCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(BenchNabCommand.Create());
        root.Subcommands.Add(BenchSkabCommand.Create());
        return root;
    }

    private static int Main(string[] args) => CreateRootCommand().Parse(args).Invoke();
}
