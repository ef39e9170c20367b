using System.Globalization;
using EdgeRnn.Training;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Training.Engine.Sequence2Sequence;
using EdgeRnn.Training.Training.Sequence2Sequence;

namespace EdgeRnn.Benchmarks.Training;

/// <summary>
/// The figures of docs/sequence-to-sequence.md (not part of the product): a 10-step forecast of the pump's motor current
/// from its three channels (LSTM encoder–decoder 1 × 32, windows of 32 rows every 8), trained on pump-train.csv as
/// <c>edgernn train</c> splits it, with teacher forcing 1, 0.5 and 0 and scheduled sampling linear and inverse-sigmoid:k,
/// the same seeds for each. Prints the free-running validation loss of every epoch (mean over the seeds) and the RMSE of
/// each horizon step in amperes on pump-demo.csv (every window, stride 1), mean and spread over the seeds.
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- s2s-pump [--pump models/pump] [--seeds 1,2,3] [--epochs 20] [--k 6]</c>.
/// </summary>
internal static class Seq2SeqPump
{
    private const int Window = 32;
    private const int Horizon = 10;

    public static void Run(string folder, IReadOnlyList<ulong> seeds, int epochs, double k, TextWriter output)
    {
        var variants = new (string Name, RnnTrainingOptions Options)[]
        {
            ("tf 1.0", Options(epochs) with { TeacherForcing = 1 }),
            ("tf 0.5", Options(epochs) with { TeacherForcing = 0.5 }),
            ("tf 0.0", Options(epochs) with { TeacherForcing = 0 }),
            ("ss linear", Options(epochs) with { ScheduledSampling = ScheduledSampling.Linear }),
            (string.Create(CultureInfo.InvariantCulture, $"ss inv-sigmoid:{k:G3}"), Options(epochs) with { ScheduledSampling = ScheduledSampling.InverseSigmoid, ScheduledSamplingK = k }),
        };
        string train = Path.Combine(folder, "pump-train.csv");
        string demo = Path.Combine(folder, "pump-demo.csv");
        var curves = new double[variants.Length][][];
        var rmse = new double[variants.Length][][];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int v = 0; v < variants.Length; v++)
        {
            curves[v] = new double[seeds.Count][];
            rmse[v] = new double[seeds.Count][];
            for (int s = 0; s < seeds.Count; s++)
            {
                var settings = TrainSettings.Create([train], null, variants[v].Options with { Seed = seeds[s] });
                (curves[v][s], rmse[v][s]) = TrainAndScore(settings, demo);
                output.WriteLine(Text($"{variants[v].Name} seed {seeds[s]}: best val {curves[v][s].Min():G4}, demo RMSE step 1 {rmse[v][s][0]:G4} A, step {Horizon} {rmse[v][s][^1]:G4} A ({clock.Elapsed.TotalSeconds:F0} s)"));
            }
        }

        output.WriteLine();
        output.WriteLine(Text($"Free-running validation MSE (normalised) per epoch, mean of seeds {string.Join(", ", seeds)}:"));
        output.WriteLine("| epoch | " + string.Join(" | ", variants.Select(x => x.Name)) + " |");
        output.WriteLine("|---|" + string.Concat(variants.Select(_ => "---|")));
        for (int e = 0; e < epochs; e++)
        {
            output.WriteLine(Text($"| {e + 1} | ") + string.Join(" | ", curves.Select(c => Text($"{c.Average(seed => seed[e]):F4}"))) + " |");
        }

        output.WriteLine();
        output.WriteLine("RMSE of motor_current (A) on pump-demo.csv by horizon step, mean ± sd over the seeds (best-validation weights):");
        output.WriteLine("| variant | " + string.Join(" | ", Enumerable.Range(1, Horizon)) + " |");
        output.WriteLine("|---|" + string.Concat(Enumerable.Range(0, Horizon).Select(_ => "---|")));
        for (int v = 0; v < variants.Length; v++)
        {
            output.WriteLine($"| {variants[v].Name} | " + string.Join(" | ", Enumerable.Range(0, Horizon).Select(step => MeanSd(rmse[v].Select(r => r[step]).ToArray()))) + " |");
        }
    }

    private static RnnTrainingOptions Options(int epochs) => new()
    {
        Columns = ["vibration_rms", "temperature", "motor_current"],
        TargetColumns = ["motor_current"],
        TimeColumn = DataOptions.NoTimeColumn,
        Horizon = Horizon,
        Window = Window,
        Stride = 8,
        Cell = EdgeRnn.Runtime.Model.CellKind.Lstm,
        Hidden = 32,
        Layers = 1,
        Epochs = epochs,
        Patience = 0,
        Threads = 2,
    };

    /// <summary>Trains one run; returns its validation curve and the per-step RMSE in amperes on the demo recording.</summary>
    private static (double[] Curve, double[] Rmse) TrainAndScore(TrainSettings settings, string demo)
    {
        var data = DataLoader.Load(settings.Data, settings.DataOptions);
        var decoder = settings.Decoder!;
        var trainWindows = Seq2SeqWindowSet.From(data, SplitPart.Train, Window, settings.Stride, Horizon, reconstruct: false);
        var validation = Seq2SeqWindowSet.From(data, SplitPart.Validation, Window, settings.Stride, Horizon, reconstruct: false);
        var shape = new Seq2SeqShape(settings.Cell, data.InputWidth, settings.Hidden, settings.Layers, data.OutputWidth, Horizon, decoder.Attention, decoder.AttentionSize);
        var trainer = new Seq2SeqTrainer(shape);
        var result = trainer.Fit(trainWindows, validation, settings.TrainerOptions, decoder.TeacherForcing);
        var unseen = DataLoader.Load([demo], settings.DataOptions with { ValidationFraction = 0, FixedNormalization = data.InputNormalization });
        var windows = Seq2SeqWindowSet.From(unseen, SplitPart.Train, Window, 1, Horizon, reconstruct: false);
        var outputs = new float[windows.Count * Horizon * windows.OutputSize];
        trainer.Evaluate(windows, settings.TrainerOptions, outputs);
        return (result.History.Select(r => r.ValidationLoss).ToArray(), Seq2SeqErrors.RmseByStep(windows, outputs, unseen.OutputNormalization));
    }

    private static string MeanSd(double[] values)
    {
        double mean = values.Average();
        double sd = values.Length < 2 ? 0 : Math.Sqrt(values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1));
        return Text($"{mean:F3} ± {sd:F3}");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
