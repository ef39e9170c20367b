using BenchmarkDotNet.Running;
using EdgeRnn.Benchmarks.Training;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// Step benchmarks: <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- --filter '*StepBenchmarks*'</c>;
/// the board pipeline (samples per second and bytes per sample, csv and tcp sources to alarm): <c>--filter '*PipelineBenchmarks*'</c>.
/// The training benchmark of issue 3 (seconds per epoch and validation MSE after 5 epochs, 2 threads):
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- train</c>. Research loops: <c>nab-sweep</c>,
/// <c>skab-free</c>, and <c>bidi-skab</c> (docs/bidirectional.md: a bidirectional labeller against unidirectional ones on SKAB).
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["train", ..])
        {
            int threads = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 2;
            TrainingBenchmark.Run(Console.Out, epochs: 5, threads: threads);
            return;
        }

        if (args is ["nab-sweep", ..])
        {
            string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            Detector.NabSweep.Run(Arg("--nab", "../shared/data/nab"), Arg("--cache", "out/sweep"), ulong.Parse(Arg("--seed", "1"), System.Globalization.CultureInfo.InvariantCulture), [.. Arg("--coarser", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))], [.. Arg("--stretch", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))], [.. Arg("--compress", string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))], Arg("--model", string.Empty), Console.Out);
            return;
        }

        if (args is ["s2s-pump", ..])
        {
            string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            var seeds = Arg("--seeds", "1,2,3").Split(',').Select(s => ulong.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Seq2SeqPump.Run(Arg("--pump", "models/pump"), seeds, int.Parse(Arg("--epochs", "20"), System.Globalization.CultureInfo.InvariantCulture), double.Parse(Arg("--k", "6"), System.Globalization.CultureInfo.InvariantCulture), Console.Out);
            return;
        }

        if (args is ["skab-ae", ..])
        {
            string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            int Int(string name, string fallback) => int.Parse(Arg(name, fallback), System.Globalization.CultureInfo.InvariantCulture);
            Detector.SkabAutoencoder.Run(Arg("--skab", "../shared/data/skab"), Int("--window", "16"), Int("--hidden", "16"), Int("--epochs", "40"), Arg("--error", "newest") == "window", Console.Out);
            return;
        }

        if (args is ["skab-free", ..])
        {
            string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            Detector.SkabFreeSweep.Run(Arg("--skab", "../shared/data/skab"), int.Parse(Arg("--rows", "1150"), System.Globalization.CultureInfo.InvariantCulture), Console.Out);
            return;
        }

        if (args is ["bidi-skab", ..])
        {
            string Arg(string name, string fallback) => Array.IndexOf(args, name) is int i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
            int Int(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(System.Globalization.CultureInfo.InvariantCulture)), System.Globalization.CultureInfo.InvariantCulture);
            var cell = Arg("--cell", "gru") switch { "lstm" => Runtime.Model.CellKind.Lstm, "rnn" => Runtime.Model.CellKind.RnnTanh, _ => Runtime.Model.CellKind.Gru };
            Labelling.BidirectionalSkab.Run(Arg("--skab", "../shared/data/skab"), Int("--seeds", 3), Int("--hidden", 16), cell, Int("--window", 64), Int("--epochs", 20), Console.Out);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
