using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using Spectre.Console;

namespace EdgeRnn.Trainer.Commands;

/// <summary><c>edgernn quantize --in f.ernn --out q.ernn</c>: writes an int8 copy and prints the weight error per matrix.</summary>
internal static class QuantizeCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "A float32 .ernn model.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The int8 .ernn model to write (symmetric per-row weights).", Required = true };
        var command = new Command("quantize", "Write an int8 copy of a float32 model and report the weight error of every matrix.") { input, output };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var source = parseResult.GetRequiredValue(input);
            var target = parseResult.GetRequiredValue(output);
            var model = RnnModel.Load(source.FullName);
            if (model.IsQuantized)
            {
                throw new CommandInputException($"{source.Name}: expected a float32 model; found one with int8 weights already.");
            }

            var quantized = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out var report));
            quantized.Save(target.FullName);
            Print(ConsoleOutput.For(stdout), report, source, new FileInfo(target.FullName), quantized.Checksum);
            return CommandRunner.Success;
        }));
        return command;
    }

    private static void Print(IAnsiConsole console, QuantizationReport report, FileInfo source, FileInfo target, uint checksum)
    {
        var table = new Table().AddColumns("Matrix", "Shape", "Max |w − q·s|", "Mean |w − q·s|");
        foreach (var matrix in report.Matrices)
        {
            table.AddRow(
                Markup.Escape(matrix.Name),
                string.Create(CultureInfo.InvariantCulture, $"{matrix.Rows} × {matrix.Cols}"),
                matrix.MaxAbsError.ToString("E3", CultureInfo.InvariantCulture),
                matrix.MeanAbsError.ToString("E3", CultureInfo.InvariantCulture));
        }

        console.Write(table);
        console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{source.Name} ({source.Length:N0} bytes, float32) → {target.Name} ({target.Length:N0} bytes, int8), checksum 0x{checksum:X8}."));
    }
}
