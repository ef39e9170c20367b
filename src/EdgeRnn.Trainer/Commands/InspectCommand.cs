using System.CommandLine;
using EdgeRnn.Runtime;

namespace EdgeRnn.Trainer.Commands;

/// <summary><c>edgernn inspect m.ernn</c>: prints what a model file holds.</summary>
internal static class InspectCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var model = new Argument<FileInfo>("model") { Description = "The .ernn model file." };
        var command = new Command("inspect", "Show a model's architecture, sizes, storage, normalisation, metadata, scoring and checksum.") { model };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var file = parseResult.GetRequiredValue(model);
            var loaded = RnnModel.Load(file.FullName);
            ModelReport.Write(ConsoleOutput.For(stdout), loaded, file.Name, file.Length);
            return CommandRunner.Success;
        }));
        return command;
    }
}
