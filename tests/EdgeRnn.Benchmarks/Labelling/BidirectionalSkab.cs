using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training;
using EdgeRnn.Training.Evaluation.Classes;
using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Benchmarks.Labelling;

/// <summary>
/// The bidirectional figure (issue 17 point 6): per-step anomaly labelling (<c>--task label</c> on SKAB's <c>anomaly</c>
/// column, its eight sensors as inputs) by a bidirectional model against unidirectional ones of the same hidden size and
/// of about the same parameter count. SKAB's labelled files are held out by file: four folds (file i of the sorted list in
/// fold i mod 4), each model trained on the other three folds' files and read on its own fold's, so every file is test data
/// once per seed and no test row, nor its file, is seen in training. Every model reads the test files in windows side by
/// side (N = K = the training window, as <c>edgernn eval</c> and <c>edgernn-device</c> do by default); the unidirectional
/// ones are also stepped through each file from a fresh state, as the board runs them. Pooled over the 20 files per seed,
/// then mean, standard deviation and range over seeds.
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- bidi-skab --skab ../shared/data/skab [--seeds 3] [--hidden 16] [--cell gru] [--window 64] [--epochs 20]</c>.
/// </summary>
internal static class BidirectionalSkab
{
    private const int Folds = 4;

    /// <summary>Rows within this many of a change of the label: where the onset and end of an anomaly are told.</summary>
    private const int NearRows = 16;
    private static readonly string[] Sensors = ["Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure", "Temperature", "Thermocouple", "Voltage", "Volume Flow RateRMS"];

    public static void Run(string root, int seeds, int hidden, CellKind cell, int window, int epochs, TextWriter output)
    {
        var files = SkabGroups.Find(root).Groups.SelectMany(g => g.Files).ToArray();
        var tables = files.Select(RecordingTable.Read).ToArray();
        int matched = SameParameters(cell, Sensors.Length, hidden, classes: 2);
        var variants = new (string Name, int Hidden, bool Bidirectional, bool Stepped)[]
        {
            ($"uni {hidden}, windows", hidden, false, false),
            ($"uni {hidden}, stepped", hidden, false, true),
            ($"uni {matched}, windows", matched, false, false),
            ($"uni {matched}, stepped", matched, false, true),
            ($"bi {hidden}, windows", hidden, true, false),
        };
        output.WriteLine(Text($"{files.Length} SKAB files in {Folds} folds by file; {cell} 1 layer, window {window}, {epochs} epochs, {seeds} seeds; parameters: uni {hidden} {Parameters(cell, Sensors.Length, hidden, false, 2)}, uni {matched} {Parameters(cell, Sensors.Length, matched, false, 2)}, bi {hidden} {Parameters(cell, Sensors.Length, hidden, true, 2)}"));
        var reports = new ClassReport[variants.Length, seeds];
        var profiles = new PositionProfile[variants.Length, seeds];
        var nearChange = new (long Correct, long Total)[variants.Length, seeds];
        for (int seed = 0; seed < seeds; seed++)
        {
            for (int v = 0; v < variants.Length; v++)
            {
                reports[v, seed] = new ClassReport(["0", "1"]);
                profiles[v, seed] = new PositionProfile(window);
            }

            for (int fold = 0; fold < Folds; fold++)
            {
                var train = files.Where((_, i) => i % Folds != fold).ToArray();
                var models = new Dictionary<(int, bool), RnnModel>();
                for (int v = 0; v < variants.Length; v++)
                {
                    var (_, h, bidirectional, stepped) = variants[v];
                    if (!models.TryGetValue((h, bidirectional), out var model))
                    {
                        model = Train(train, cell, h, bidirectional, window, epochs, (ulong)(seed + 1));
                        models[(h, bidirectional)] = model;
                    }

                    for (int i = fold; i < files.Length; i += Folds)
                    {
                        var rows = ClassRows.Read(model, tables[i], "anomaly", "model");
                        var readings = ClassReadings.Run(model, rows.Inputs, stepped ? null : new WindowPlan(window, window, "--window"));
                        reports[v, seed].Add(readings, Labels(rows, model));
                        var (correct, total) = NearChange(readings.Predicted, rows.Labels!, NearRows);
                        nearChange[v, seed] = (nearChange[v, seed].Correct + correct, nearChange[v, seed].Total + total);
                        if (!stepped)
                        {
                            profiles[v, seed].Add(model, rows.Inputs, rows.Labels!);
                        }
                    }
                }
            }

            output.WriteLine(Text($"seed {seed + 1}: {string.Join("; ", Enumerable.Range(0, variants.Length).Select(v => Text($"{variants[v].Name} accuracy {reports[v, seed].Overall.Accuracy:F4} F1(anomaly) {reports[v, seed].Overall.F1(1):F4}")))}"));
        }

        output.WriteLine();
        output.WriteLine("mean ± standard deviation over seeds [range], pooled over the 20 held-out files");
        for (int v = 0; v < variants.Length; v++)
        {
            var runs = Enumerable.Range(0, seeds).Select(s => reports[v, s]).ToArray();
            output.WriteLine(variants[v].Name);
            output.WriteLine("  " + Figure("accuracy", runs.Select(r => r.Overall.Accuracy)) + "  " + Figure("macro F1", runs.Select(r => r.Overall.MacroF1)));
            output.WriteLine("  anomaly: " + Figure("precision", runs.Select(r => r.Overall.Precision(1))) + "  " + Figure("recall", runs.Select(r => r.Overall.Recall(1))) + "  " + Figure("F1", runs.Select(r => r.Overall.F1(1))));
            output.WriteLine("  " + Figure(Text($"accuracy within {NearRows} rows of a label change"), Enumerable.Range(0, seeds).Select(s => (double)nearChange[v, s].Correct / nearChange[v, s].Total)) + Text($" ({nearChange[v, 0].Total} rows)"));
            output.WriteLine("  normal:  " + Figure("precision", runs.Select(r => r.Overall.Precision(0))) + "  " + Figure("recall", runs.Select(r => r.Overall.Recall(0))) + "  " + Figure("F1", runs.Select(r => r.Overall.F1(0))));
            if (!variants[v].Stepped)
            {
                output.WriteLine("  accuracy by place in the window (windows side by side from row 0): " + string.Join("  ", Enum.GetValues<WindowPart>().Select(p => Figure(ClassReport.PartName(p), runs.Select(r => r.ByPart[(int)p].Accuracy)))));
                var profile = Enumerable.Range(0, seeds).Select(s => profiles[v, s]).ToArray();
                int third = window / 3;
                output.WriteLine("  accuracy by place, every row at every place (all phases): " + string.Join("  ", new (string Name, int From, int To)[]
                {
                    ("first step", 0, 1), ("steps 2-4", 1, 4), ("first third", 0, third), ("middle third", third, window - third), ("last third", window - third, window), ("last 4 but one", window - 4, window - 1), ("last step", window - 1, window),
                }.Select(p => Figure(p.Name, profile.Select(r => r.Accuracy(p.From, p.To))))));
                output.WriteLine("  accuracy at each eighth of the window (mean over seeds): " + string.Join(" ", Enumerable.Range(0, 8).Select(e => Text($"{profile.Average(r => r.Accuracy(e * window / 8, (e + 1) * window / 8)):F4}"))));
            }
        }
    }

    /// <summary>Readings equal to the label, and rows, among the read rows within <paramref name="near"/> rows of a label change.</summary>
    private static (long Correct, long Total) NearChange(int[] predicted, int[] labels, int near)
    {
        long correct = 0;
        long total = 0;
        for (int r = 0; r < labels.Length; r++)
        {
            bool close = false;
            for (int c = Math.Max(1, r - near + 1); c <= Math.Min(labels.Length - 1, r + near) && !close; c++)
            {
                close = labels[c] != labels[c - 1];
            }

            if (close && predicted[r] >= 0)
            {
                correct += predicted[r] == labels[r] ? 1 : 0;
                total++;
            }
        }

        return (correct, total);
    }

    private static RnnModel Train(string[] files, CellKind cell, int hidden, bool bidirectional, int window, int epochs, ulong seed)
    {
        var options = new RnnTrainingOptions
        {
            Task = ModelTask.Label,
            LabelColumn = "anomaly",
            Columns = Sensors,
            Cell = cell,
            Hidden = hidden,
            Layers = 1,
            Window = window,
            Epochs = epochs,
            Seed = seed,
            Threads = 2,
            Bidirectional = bidirectional,
            Quantize = false,
        };
        return RnnTrainer.Train(files, options).Model;
    }

    /// <summary>The class index of each row's label, by the trained model's own class names (SKAB writes 0.0 and 1.0).</summary>
    private static int[] Labels(ClassRows rows, RnnModel model)
    {
        if (rows.ClassNames.Count != 2 || rows.Labels is null)
        {
            throw new InvalidDataException($"expected a two-class model and labels; found {rows.ClassNames.Count} classes ({model.Definition.Metadata.Task}).");
        }

        return rows.Labels;
    }

    /// <summary>The unidirectional hidden size whose parameter count is nearest the bidirectional model's.</summary>
    private static int SameParameters(CellKind cell, int inputs, int hidden, int classes)
    {
        long target = Parameters(cell, inputs, hidden, true, classes);
        return Enumerable.Range(1, 4 * hidden).MinBy(h => Math.Abs(Parameters(cell, inputs, h, false, classes) - target));
    }

    /// <summary>Weights and biases of one layer (both directions) and the head: gates·H·(I + H + 2) per direction, classes·(width + 1).</summary>
    private static long Parameters(CellKind cell, int inputs, int hidden, bool bidirectional, int classes)
    {
        int gates = cell switch { CellKind.Lstm => 4, CellKind.Gru => 3, _ => 1 };
        int directions = bidirectional ? 2 : 1;
        return (directions * (long)gates * hidden * (inputs + hidden + 2)) + (classes * ((directions * hidden) + 1L));
    }

    private static string Figure(string name, IEnumerable<double> values)
    {
        var v = values.ToArray();
        double mean = v.Average();
        double sd = v.Length > 1 ? Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1)) : 0;
        return Text($"{name} {mean:F4} ± {sd:F4} [{v.Min():F4}, {v.Max():F4}]");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
