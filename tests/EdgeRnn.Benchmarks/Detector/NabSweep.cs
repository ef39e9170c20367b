using System.Globalization;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>
/// The detector's research loop (not part of the product): the forecast errors of each NAB file do not depend on the
/// likelihood's settings, so they are computed once per ensemble and kept in a cache folder, and each variant of the
/// likelihood is then scored in seconds, in sample and leave-one-category-out (<see cref="NabCrossValidation"/>), and on
/// the same files at coarser rates (<see cref="NabResampling"/>) at the θ chosen on the original rate.
/// <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- nab-sweep --nab ../shared/data/nab --cache out/sweep [--seed 1] [--coarser 6,12]</c>.
/// </summary>
internal static class NabSweep
{
    public static void Run(string nabRoot, string cacheRoot, ulong seed, IReadOnlyList<int> coarser, IReadOnlyList<int> stretched, IReadOnlyList<int> compressed, string model, TextWriter output)
    {
        var corpus = NabCorpus.Load(nabRoot);
        var configuration = DetectorConfiguration.Default with { Seed = seed };
        foreach (var setting in model.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (setting.Split('=')[0], int.Parse(setting.Split('=')[1], CultureInfo.InvariantCulture));
            configuration = key switch
            {
                "stride" => configuration with { WindowStride = value },
                "window" => configuration with { WindowSteps = value },
                "epochs" => configuration with { Epochs = value },
                "hidden" => configuration with { HiddenSize = value },
                "ensemble" => configuration with { EnsembleSize = value },
                _ => throw new ArgumentException($"unknown model setting {key}"),
            };
        }

        var rates = new List<(int Factor, IReadOnlyList<NabCorpusFile> Files, double[][] Errors)>();
        foreach (int factor in new[] { 1 }.Concat(coarser))
        {
            var files = factor == 1 ? corpus.Files : corpus.Files.Select(f => NabResampling.Coarser(f, factor)).ToList();
            var errors = new double[files.Count][];
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => errors[i] = Errors(files[i], configuration, Path.Combine(cacheRoot, Text($"seed{seed}-x{factor}{(model.Length > 0 ? "-" + model : string.Empty)}"))));
            rates.Add((factor, files, errors));
        }

        // Stretched copies reuse the original rate's errors: only the likelihood sees the longer period.
        foreach (int factor in stretched)
        {
            rates.Add((-factor, corpus.Files.Select(f => NabResampling.Stretched(f, factor)).ToList(), rates[0].Errors));
        }

        // Compressed copies (-1000 - k): the same rows k times as fast.
        foreach (int factor in compressed)
        {
            rates.Add((-1000 - factor, corpus.Files.Select(f => NabResampling.Stretched(f, 1.0 / factor)).ToList(), rates[0].Errors));
        }

        output.WriteLine(Text($"{"variant",-40} {"in-sample std/lowFP/lowFN",27} | {"left-out mean std/lowFP/lowFN",30} | pooled std | coarser: std at the original θ (own θ) | per-category std"));
        foreach (var (name, parameters) in NabSweepVariants.All())
        {
            var scored = rates.Select(rate => Scored(rate.Files, rate.Errors, parameters)).ToList();
            var inSample = NabCostProfile.All.Select(p => NabCorpusScorer.Score(scored[0], p)).ToArray();
            var cv = NabCostProfile.All.Select(p => NabCrossValidation.Run(scored[0], p)).ToArray();
            var folds = string.Join(" ", cv[0].Folds.Select(f => Text($"{f.Category}={f.LeftOut.NormalizedScore:F1}")));
            var transfer = string.Join(" ", scored.Skip(1).Select((s, k) => Text($"{Rate(rates[k + 1].Factor)}: {NabCorpusScorer.Score(s, NabCostProfile.Standard, inSample[0].Threshold).NormalizedScore:F1} ({NabCorpusScorer.Score(s, NabCostProfile.Standard).NormalizedScore:F1})")));
            if (Environment.GetEnvironmentVariable("SWEEP_FILE") is { } key)
            {
                for (int k = 0; k < rates.Count; k++)
                {
                    int i = rates[k].Files.ToList().FindIndex(f => f.Key == key);
                    var file = rates[k].Files[i];
                    var p = parameters(file);
                    var held = Score(rates[k].Errors[i], file, p);
                    var free = Score(rates[k].Errors[i], file, p with { SuppressionRows = 0 });
                    var s = scored[k][i];
                    output.WriteLine(Text($"  x{rates[k].Factor} rows {file.Data.Values.Length} probation {file.ProbationLength} short {p.ShortWindow} long {p.LongWindow} hold {p.SuppressionRows} θ {inSample[0].Threshold:F3}"));
                    var flagged = Enumerable.Range(s.ProbationLength, held.Length - s.ProbationLength).Where(r => held[r] >= inSample[0].Threshold).ToList();
                    output.WriteLine("    flagged rows: " + string.Join(" ", flagged.Select(r => Text($"{r}{(s.RowWindow[r] >= 0 ? "*" : string.Empty)}({held[r]:F2})"))));
                    for (int w = 0; w < s.LabelledWindowCount; w++)
                    {
                        var rowsIn = Enumerable.Range(0, held.Length).Where(r => s.RowWindow[r] == w).ToList();
                        int peak = rowsIn.MaxBy(r => free[r]);
                        output.WriteLine(Text($"    window {w}: rows {rowsIn[0]}-{rowsIn[^1]} max held {rowsIn.Max(r => held[r]):F3} max free {free[peak]:F3} at {peak}"));
                    }
                }
            }

            if (Environment.GetEnvironmentVariable("SWEEP_FILES") == "1")
            {
                for (int i = 0; i < scored[0].Length; i++)
                {
                    var files = scored.Select((s, k) => NabScorer.Score(s[i], NabCostProfile.Standard, inSample[0].Threshold)).ToList();
                    output.WriteLine(Text($"  {scored[0][i].Name,-55} {string.Join("  ", files.Select((f, k) => Text($"x{rates[k].Factor} {f.Score,7:F3} {f.DetectedWindows}/{f.ScorableWindows} fp {f.FalsePositives}")))}"));
                }
            }

            output.WriteLine(Text($"{name,-40} {inSample[0].NormalizedScore,8:F2} {inSample[1].NormalizedScore,8:F2} {inSample[2].NormalizedScore,8:F2}  | {cv[0].MeanLeftOut,9:F2} {cv[1].MeanLeftOut,9:F2} {cv[2].MeanLeftOut,9:F2} | {cv[0].PooledLeftOut,7:F2} | {transfer} | {folds}"));
        }
    }

    private static NabScoringFile[] Scored(IReadOnlyList<NabCorpusFile> files, double[][] errors, Func<NabCorpusFile, LikelihoodParameters> parameters)
    {
        var scored = new NabScoringFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => scored[i] = files[i].WithScores(Score(errors[i], files[i], parameters(files[i]))));
        return scored;
    }

    private static double[] Score(double[] errors, NabCorpusFile file, LikelihoodParameters parameters)
    {
        var likelihood = new AnomalyLikelihood(parameters, 1);
        var scores = new double[errors.Length];
        var values = new double[1];
        for (int r = 0; r < errors.Length; r++)
        {
            values[0] = (float)file.Data.Values[r];
            scores[r] = likelihood.Next(errors[r], values);
        }

        return scores;
    }

    private static double[] Errors(NabCorpusFile file, DetectorConfiguration configuration, string cacheFolder)
    {
        var path = Path.Combine(cacheFolder, file.Key.Replace('/', '_') + ".errors");
        if (File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            var cached = new double[bytes.Length / 8];
            Buffer.BlockCopy(bytes, 0, cached, 0, bytes.Length);
            return cached;
        }

        var data = Array.ConvertAll(file.Data.Values, v => (float)v);
        var errors = StreamingDetector.Run(data, 1, Math.Max(4, file.ProbationLength), configuration, file.Data.Timestamps).Errors;
        Directory.CreateDirectory(cacheFolder);
        var raw = new byte[errors.Length * 8];
        Buffer.BlockCopy(errors, 0, raw, 0, raw.Length);
        File.WriteAllBytes(path, raw);
        return errors;
    }

    private static string Rate(int factor) => factor > 0 ? Text($"x{factor}") : factor > -1000 ? Text($"s{-factor}") : Text($"c{-1000 - factor}");

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
