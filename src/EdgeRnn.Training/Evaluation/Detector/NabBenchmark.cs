using System.Diagnostics;
using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Report;

namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>
/// NAB's protocol end to end with <see cref="StreamingDetector"/>: every file of a NAB-shaped folder is scored (files in
/// parallel, each one single-threaded, so the result does not depend on the thread count), written in NAB's results
/// layout, then scored per profile (config/profiles.json when present, else NAB v1.1's three) with one θ for the whole corpus chosen by exhaustive sweep.
/// </summary>
internal static class NabBenchmark
{
    /// <summary>The alarm threshold written into each file's model (NAB scores the scores, not the alarms).</summary>
    public const double ModelThreshold = DetectorBuilder.DefaultAdaptiveThreshold;

    public static NabBenchmarkResult Run(string nabRoot, string outputRoot, string detectorName, DetectorConfiguration configuration, int threads, string? keepModels = null)
    {
        var clock = Stopwatch.StartNew();
        var corpus = NabCorpus.Load(nabRoot);
        var scores = new double[corpus.Files.Count][];
        Parallel.For(
            0,
            corpus.Files.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) },
            i =>
            {
                var file = corpus.Files[i];
                var data = Array.ConvertAll(file.Data.Values, v => (float)v);
                var output = StreamingDetector.Run(data, 1, Math.Max(4, file.ProbationLength), configuration, file.Data.Timestamps, ModelThreshold, NabFileReader.ValueColumns);
                scores[i] = output.Scores;
                if (keepModels is not null)
                {
                    KeptModels.Write(keepModels, file.Key, output.ModelFile);
                }
            });
        var detectSeconds = clock.Elapsed.TotalSeconds;

        var scoring = new List<NabScoringFile>(corpus.Files.Count);
        for (int i = 0; i < corpus.Files.Count; i++)
        {
            var file = corpus.Files[i];
            NabResultsWriter.Write(outputRoot, detectorName, file.Key, file.Data.Timestamps, file.Data.Values, scores[i]);
            scoring.Add(file.WithScores(scores[i]));
        }

        var profilesPath = Path.Combine(nabRoot, "config", "profiles.json");
        var costProfiles = File.Exists(profilesPath) ? NabProfilesReader.Read(profilesPath) : NabCostProfile.All;
        var profiles = costProfiles.Select(p => NabCorpusScorer.Score(scoring, p)).ToList();
        bool folds = scoring.Select(f => NabCrossValidation.CategoryOf(f.Name)).Distinct(StringComparer.Ordinal).Count() >= 2;
        var leftOut = folds ? costProfiles.Select(p => NabCrossValidation.Run(scoring, p)).ToList() : [];
        return new NabBenchmarkResult(corpus, scoring, profiles, leftOut, detectSeconds, clock.Elapsed.TotalSeconds);
    }

    /// <summary>The report panels, one per file, at the first profile's θ (standard in NAB's profiles.json).</summary>
    public static IReadOnlyList<ReportPanel> Panels(NabBenchmarkResult result)
    {
        var standard = result.Profiles[0];
        return [.. result.Files.Select((f, i) => NabReportPanels.Create(f, result.Corpus.Files[i].Data.Values, standard.Files[i]))];
    }
}

/// <summary>
/// What a NAB run produced: the corpus, each file's scores, each profile's result in sample (θ swept on every file) and
/// left out (each category at the θ swept on the others; empty for a corpus of one category), and the run time in seconds.
/// </summary>
internal sealed record NabBenchmarkResult(
    NabCorpus Corpus,
    IReadOnlyList<NabScoringFile> Files,
    IReadOnlyList<NabCorpusResult> Profiles,
    IReadOnlyList<NabCrossValidationResult> LeftOut,
    double DetectSeconds,
    double TotalSeconds);
