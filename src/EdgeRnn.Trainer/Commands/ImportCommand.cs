using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Import;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn import torch --in model.json --out model.ernn</c> and <c>edgernn import onnx --in model.onnx --out
/// model.ernn</c>: convert a model trained elsewhere into a model file.
/// </summary>
internal static class ImportCommand
{
    /// <summary>Creates the <c>import</c> command and its subcommands.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var import = new Command("import", "Convert a model trained elsewhere into an .ernn file: PyTorch JSON (tools/export_torch.py) or ONNX (torch.onnx.export, tools/export_onnx.py).");
        import.Subcommands.Add(CreateTorch());
        import.Subcommands.Add(CreateOnnx());
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
            Save(TorchJsonImporter.ReadFile(source.FullName), target, stdout);
            return CommandRunner.Success;
        }));
        return command;
    }

    private static Command CreateOnnx()
    {
        var input = new Option<FileInfo>("--in")
        {
            Description = "The .onnx file, e.g. from torch.onnx.export or tools/export_onnx.py: LSTM, GRU or RNN nodes (1 to 4 stacked, "
                + "forward, default activations; GRU with linear_before_reset=1, as PyTorch exports it) and a MatMul + Add or Gemm head; "
                + "the model computes the graph's first output.",
            Required = true,
        };
        var output = new Option<FileInfo>("--out")
        {
            Description = "The .ernn model file to write (float32 weights).",
            Required = true,
        };
        var metadata = new Option<FileInfo?>("--metadata")
        {
            Description = "A JSON file with what ONNX does not carry, in export_torch.py's fields: input_normalization and "
                + "output_normalization ({\"mean\": [...], \"std\": [...]} per channel), feature_names, target_channels, "
                + "sample_period_seconds, task, name, properties. Default: no normalisation, no names.",
        };
        var command = new Command("onnx", "Import an ONNX model with LSTM, GRU or RNN layers and a dense head (e.g. exported by torch.onnx.export).") { input, output, metadata };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var source = parseResult.GetRequiredValue(input);
            var target = parseResult.GetRequiredValue(output);
            var import = OnnxImporter.ReadFile(source.FullName);
            var definition = parseResult.GetValue(metadata) is { } file ? OnnxMetadata.ApplyFile(import.Definition, file.FullName) : import.Definition;
            foreach (string note in import.Notes)
            {
                stdout.WriteLine("note: " + note);
            }

            Save(definition, target, stdout);
            return CommandRunner.Success;
        }));
        return command;
    }

    private static void Save(ModelDefinition definition, FileInfo target, TextWriter stdout)
    {
        var model = RnnModel.FromDefinition(definition);
        model.Save(target.FullName);
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Imported {ModelDescription.Architecture(model.Definition)}, {ModelDescription.ParameterCount(model.Definition):N0} parameters → {target.Name} ({new FileInfo(target.FullName).Length:N0} bytes, checksum 0x{model.Checksum:X8})."));
    }
}
