using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using Spectre.Console;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn quantize --in f.ernn --out q.ernn [--data recordings]</c>: writes an int8 copy and prints the weight error
/// per matrix; with <c>--data</c> it also runs the float model and the int8 copy over the recordings and reports what
/// <c>edgernn train</c> reports: output RMSE, the largest change in anomaly score and the changed alarm decisions.
/// </summary>
internal static class QuantizeCommand
{
    private const string PartValidation = "validation";
    private const string PartAll = "all";

    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var input = new Option<FileInfo>("--in") { Description = "A float32 .ernn model.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "The int8 .ernn model to write (symmetric per-row weights).", Required = true };
        var data = new Option<string[]>("--data") { Description = "CSV file, folder (its *.csv) or glob to compare float and int8 on: output RMSE, largest anomaly-score change, changed alarm decisions (as train reports them)", AllowMultipleArgumentsPerToken = true };
        var columns = new Option<string?>("--columns") { Description = "Data columns of the model's inputs a,b,c in this order (default: the model's feature names)" };
        var timeColumn = new Option<string?>("--time-column") { Description = "Timestamp column, ISO 8601 or Unix seconds; 'none' for none (default: one named timestamp, time, datetime, date, ts, t, epoch, unix, time_s or utc)" };
        var part = new Option<string>("--part") { Description = "Rows compared: validation (the last --validation-fraction of each file, the rows train compared and calibrated on) or all", DefaultValueFactory = _ => PartValidation }.AcceptOnlyFromAmong(PartValidation, PartAll);
        var validationFraction = new Option<double?>("--validation-fraction") { Description = "Share of each file, at its end, that is the validation part, in [0, 1) (default: the model's train.validation_fraction, else 0.2)" };
        var command = new Command("quantize", "Write an int8 copy of a float32 model and report the weight error of every matrix; with --data, also compare float and int8 on recordings.")
        {
            input, output, data, columns, timeColumn, part, validationFraction,
        };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var source = parseResult.GetRequiredValue(input);
            var target = parseResult.GetRequiredValue(output);
            var model = RnnModel.Load(source.FullName);
            if (model.IsQuantized)
            {
                throw new CommandInputException($"{source.Name}: expected a float32 model; found one with int8 weights already.");
            }

            var console = ConsoleOutput.For(stdout);
            var quantized = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out var report));
            var specs = parseResult.GetValue(data);
            RejectUnusedOptions(parseResult, specs is { Length: > 0 }, part, validationFraction, columns, timeColumn);
            QuantizationComparison? comparison = null;
            string compared = string.Empty;
            if (specs is { Length: > 0 })
            {
                bool all = parseResult.GetRequiredValue(part) == PartAll;
                double fraction = all ? 0 : parseResult.GetValue(validationFraction) ?? ModelData.ValidationFractionOf(model.Definition);
                var streams = LoadStreams(stdout, source, model, specs, List(parseResult.GetValue(columns)), parseResult.GetValue(timeColumn), fraction, all);
                comparison = QuantizationCheck.Compare(model, quantized, streams);
                compared = all ? "data" : "validation";
            }

            quantized.Save(target.FullName);
            Print(console, report, source, new FileInfo(target.FullName), quantized.Checksum);
            if (comparison is not null)
            {
                PrintComparison(console, comparison, compared);
            }

            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>The data options mean nothing without --data, and the validation fraction nothing with --part all.</summary>
    private static void RejectUnusedOptions(ParseResult parseResult, bool hasData, Option<string> part, Option<double?> validationFraction, params Option[] reading)
    {
        foreach (var option in reading.Prepend(validationFraction).Prepend(part))
        {
            if (!hasData && parseResult.GetResult(option) is { Implicit: false })
            {
                throw new CommandInputException($"{option.Name}: expected --data, the recordings it applies to; found no --data.");
            }
        }

        if (parseResult.GetResult(validationFraction) is { Implicit: false } && parseResult.GetValue(part) == PartAll)
        {
            throw new CommandInputException("--validation-fraction: expected --part validation, whose rows it chooses; found --part all.");
        }
    }

    private static IReadOnlyList<float[]> LoadStreams(
        TextWriter stdout, FileInfo source, RnnModel model, string[] specs, string[]? columns, string? timeColumn, double fraction, bool all)
    {
        TrainingData data;
        try
        {
            data = ModelData.Load(specs, model.Definition, columns, timeColumn, fraction);
        }
        catch (RecordingException e)
        {
            string inputs = ModelData.Describe(model.Definition.Metadata.FeatureNames, model.InputSize);
            throw new CommandInputException(e.Message.Contains(inputs, StringComparison.Ordinal) ? $"--data: {e.Message}" : $"--data: {e.Message} ({source.Name} reads {inputs}.)", e);
        }

        foreach (string line in DataSummaryText.Lines(data.Summary))
        {
            stdout.WriteLine(line);
        }

        var streams = ValidationStreams.Of(data, all ? SplitPart.Train : SplitPart.Validation);
        if (streams.Count == 0)
        {
            throw new CommandInputException(all
                ? $"--data: expected at least 2 consecutive usable rows to compare float and int8 on; found {data.Summary.UsableRows} usable rows in no run of 2 or more."
                : string.Create(CultureInfo.InvariantCulture, $"--data: expected at least 2 consecutive usable rows in the validation part (the last {fraction:G4} of each file); found {data.Summary.ValidationSteps} validation steps. Use --part all or a larger --validation-fraction."));
        }

        return streams;
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

    private static void PrintComparison(IAnsiConsole console, QuantizationComparison comparison, string part)
    {
        var table = new Table { Title = new TableTitle("int8 vs float32") }.AddColumn(string.Empty).AddColumn(string.Empty);
        table.ShowHeaders = false;
        foreach (var (name, value) in QuantizationSummary.Rows(comparison, part))
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        console.Write(table);
        foreach (var (text, severe) in QuantizationSummary.Warnings(comparison, part, "keep the float32 model where the alarm matters"))
        {
            console.MarkupLine(severe ? $"[red bold]WARNING: {Markup.Escape(text)}[/]" : $"[yellow]warning: {Markup.Escape(text)}[/]");
        }
    }

    private static string[]? List(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
