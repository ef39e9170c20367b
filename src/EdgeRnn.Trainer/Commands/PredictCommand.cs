using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeRnn.Recordings;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation.Classes;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn predict --model m.ernn --input x.csv --output y.csv [--int8]</c>: runs a model step by step over a recording
/// and writes one row of outputs per step, the way a device would have seen it.
/// </summary>
internal static class PredictCommand
{
    /// <summary>Creates the command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create()
    {
        var model = new Option<FileInfo>("--model") { Description = "The .ernn model file.", Required = true };
        var input = new Option<FileInfo>("--input")
        {
            Description = "CSV of inputs, one row per step (',' ';' or tab); an optional header picks the columns by the model's feature names; a timestamp or label column is not an input.",
            Required = true,
        };
        var output = new Option<FileInfo>("--output") { Description = "CSV to write: a header, then one row of outputs per step.", Required = true };
        var int8 = new Option<bool>("--int8") { Description = "Quantize a float32 model to int8 before running it." };
        var windowSamples = new Option<int>("--window-samples") { Description = "A classify/label model: run windows of the last N samples, as edgernn-device run labels (0: the model's training window, else 64); a bidirectional model always runs windows, a unidirectional one steps unless this or --window-every is given.", DefaultValueFactory = _ => 0 };
        var windowEvery = new Option<int>("--window-every") { Description = "A classify/label model: a window ends every K samples (0: every --window-samples). Each row gets the outputs of the window that gives it the most context on its shorter side (label) or of the window ending at it (classify; other rows are left empty).", DefaultValueFactory = _ => 0 };
        var command = new Command("predict", "Run a model over a CSV recording, one step per row (or in windows, for a bidirectional classify/label model), and write its outputs as CSV.") { model, input, output, int8, windowSamples, windowEvery };
        command.SetAction(parseResult => CommandRunner.Run(parseResult, stdout =>
        {
            var modelFile = parseResult.GetRequiredValue(model);
            var inputFile = parseResult.GetRequiredValue(input);
            var outputFile = parseResult.GetRequiredValue(output);
            var loaded = RnnModel.Load(modelFile.FullName);
            string weights = loaded.IsQuantized ? "int8" : "float32";
            if (parseResult.GetValue(int8) && !loaded.IsQuantized)
            {
                loaded = RnnModel.FromDefinition(ModelQuantizer.Quantize(loaded.Definition, out _));
                weights = "int8, quantized on the fly";
            }

            bool given = parseResult.GetResult(windowSamples) is { Implicit: false } || parseResult.GetResult(windowEvery) is { Implicit: false };
            WindowPlan? plan;
            try
            {
                plan = loaded.Definition.IsBidirectional || given ? WindowPlan.Resolve(loaded, parseResult.GetValue(windowSamples), parseResult.GetValue(windowEvery)) : null;
            }
            catch (ArgumentException e)
            {
                throw new CommandInputException(e.Message);
            }

            var (rows, clock) = Run(loaded, plan, inputFile, outputFile.FullName);
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{rows:N0} steps of {loaded.InputSize} inputs → {outputFile.Name} ({loaded.OutputSize} outputs per step, {weights} weights{(plan is null ? string.Empty : "; " + plan.Describe())})."));
            if (clock is { HasQuirks: true })
            {
                stdout.WriteLine($"Rows stepped in file order; {clock.Describe()}.");
            }
            return CommandRunner.Success;
        }));
        return command;
    }

    /// <summary>Steps the model over every row of <paramref name="inputFile"/>; the output appears only when all rows succeeded.</summary>
    private static (int Rows, StreamClock? Clock) Run(RnnModel model, WindowPlan? plan, FileInfo inputFile, string outputPath)
    {
        var metadata = model.Definition.Metadata;
        var input = new float[model.InputSize];
        var output = new float[model.OutputSize];
        var line = new StringBuilder();
        string temporary = outputPath + ".tmp";
        int rows = 0;
        StreamClock? clock;
        try
        {
            if (plan is not null)
            {
                using (var windowed = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    windowed.WriteLine(string.Join(",", OutputNames(model).Select(Quote)));
                    (rows, clock) = PredictWindows.Run(model, plan, inputFile, windowed);
                }

                File.Move(temporary, outputPath, overwrite: true);
                return (rows, clock);
            }

            var state = model.CreateState();
            using (var reader = new RecordingSteps(CsvReader.Open(inputFile.FullName, inputFile.Name), model.InputSize, metadata.FeatureNames))
            using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.WriteLine(string.Join(",", OutputNames(model).Select(Quote)));
                while (reader.TryRead(input))
                {
                    state.Step(input, output);
                    line.Clear();
                    for (int i = 0; i < output.Length; i++)
                    {
                        line.Append(i == 0 ? string.Empty : ",").Append(output[i].ToString("R", CultureInfo.InvariantCulture));
                    }

                    writer.WriteLine(line);
                    rows++;
                }

                clock = reader.Clock;
            }

            File.Move(temporary, outputPath, overwrite: true);
            return (rows, clock);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The output columns: the target channels' feature names for a forecaster that has them, else y0..yN−1.</summary>
    /// <param name="model">The model.</param>
    /// <returns>One name per output.</returns>
    internal static string[] OutputNames(RnnModel model)
    {
        var metadata = model.Definition.Metadata;
        return metadata.TargetChannels.Count == model.OutputSize && metadata.FeatureNames.Count > 0
            ? metadata.TargetChannels.Select(c => metadata.FeatureNames[c]).ToArray()
            : Enumerable.Range(0, model.OutputSize).Select(i => "y" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
    }

    private static string Quote(string name) =>
        name.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : name;
}
