using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Training.Import;

namespace EdgeRnn.Trainer.Commands;

/// <summary><c>edgernn import torch --in model.json --out model.ernn</c>: converts a PyTorch export into a model file.</summary>
internal static class ImportCommand
{
    /// <summary>Creates the <c>import</c> command and its subcommands.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var import = new Command("import", "Convert a model trained elsewhere into an .ernn file.");
        import.Subcommands.Add(CreateTorch());
        return import;
    }

    private static Command CreateTorch()
    {
        var input = new Option<FileInfo>("--in")
        {
            Description = "The JSON written by tools/export_torch.py: PyTorch parameter names and shapes (nn.RNN/LSTM/GRU + nn.Linear).",
            Required = true,
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The .ernn model file to write (float32 weights).",
            Required = true,
        };
        var command = new Command("torch", "Import an nn.RNN, nn.LSTM or nn.GRU with an nn.Linear head exported as JSON.") { input, output };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var source = parseResult.GetRequiredValue(input);
            var target = parseResult.GetRequiredValue(output);
            var model = RnnModel.FromDefinition(TorchJsonImporter.ReadFile(source.FullName));
            model.Save(target.FullName);
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Imported {ModelDescription.Architecture(model.Definition)}, {ModelDescription.ParameterCount(model.Definition):N0} parameters → {target.Name} ({new FileInfo(target.FullName).Length:N0} bytes, checksum 0x{model.Checksum:X8})."));
            return CommandRunner.Success;
        }));
        return command;
    }
}
