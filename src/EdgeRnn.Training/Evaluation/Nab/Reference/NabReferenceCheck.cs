using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab.Reference;

/// <summary>
/// Checks this scorer against NAB's published results: every row of every <c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c>
/// in a reference folder is recomputed from the detector's per-row output at the published threshold
/// (config/thresholds.json) and compared to the printed raw score and counts.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;nab&gt;/labels/combined_windows.json</c>, <c>&lt;nab&gt;/config/profiles.json</c>,
/// <c>&lt;nab&gt;/config/thresholds.json</c>, optional <c>&lt;nab&gt;/data/&lt;category&gt;/&lt;file&gt;.csv</c>; in the reference
/// folder the tables and <c>&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c> (or .csv.gz) per-row outputs.
/// Two detectors need no per-row output: NAB's null detector gives every row the score 0.5, and NAB's windowedGaussian
/// detector is rebuilt (<see cref="WindowedGaussianDetector"/>); their rows come from the data file or, without it, from
/// another detector's per-row output of the same file. Any other detector without per-row output is not compared.
/// </remarks>
internal static class NabReferenceCheck
{
    /// <summary>The score NAB's null detector gives every row.</summary>
    public const double NullDetectorScore = 0.5;

    public static NabReferenceCheckReport Run(string nabRoot, string referenceFolder)
    {
        var windowsPath = Path.Combine(nabRoot, "labels", "combined_windows.json");
        var windows = NabLabelsReader.ReadWindows(windowsPath);
        var profiles = NabProfilesReader.Read(Path.Combine(nabRoot, "config", "profiles.json")).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var thresholds = NabThresholdsReader.Read(Path.Combine(nabRoot, "config", "thresholds.json"));
        var prepared = new Dictionary<(string Detector, string File), NabScoringFile?>();
        var comparisons = new List<NabReferenceComparison>();
        if (!Directory.Exists(referenceFolder))
        {
            throw new DataFileException(referenceFolder, 0, "expected a reference folder with <detector>_<profile>_scores.csv tables, found none");
        }

        foreach (var tablePath in Directory.GetFiles(referenceFolder, "*_scores.csv").OrderBy(p => p, StringComparer.Ordinal))
        {
            foreach (var row in NabReferenceRow.ReadTable(tablePath))
            {
                if (!profiles.TryGetValue(row.Profile, out var profile))
                {
                    throw new DataFileException(tablePath, 0, $"expected a profile of profiles.json, found '{row.Profile}'");
                }

                if (!prepared.TryGetValue((row.Detector, row.File), out var file))
                {
                    file = Prepare(nabRoot, referenceFolder, row.Detector, row.File, windows, windowsPath);
                    prepared[(row.Detector, row.File)] = file;
                }

                if (file is null)
                {
                    comparisons.Add(new NabReferenceComparison(row, null, $"no per-row output of '{row.Detector}' for {row.File}"));
                    continue;
                }

                double threshold = thresholds.TryGetValue(row.Detector, out var byProfile) && byProfile.TryGetValue(row.Profile, out var published)
                    ? published
                    : row.Threshold;
                comparisons.Add(new NabReferenceComparison(row, NabScorer.Score(file, profile, threshold), null));
            }
        }

        return new NabReferenceCheckReport(comparisons);
    }

    /// <summary>The path of a detector's per-row output for a file, plain or gzip-compressed, or null.</summary>
    public static string? FindResults(string referenceFolder, string detector, string fileKey)
    {
        var path = NabResultsWriter.PathFor(referenceFolder, detector, fileKey);
        if (File.Exists(path))
        {
            return path;
        }

        return File.Exists(path + ".gz") ? path + ".gz" : null;
    }

    private static NabScoringFile? Prepare(string nabRoot, string referenceFolder, string detector, string fileKey, IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> windows, string windowsPath)
    {
        var fileWindows = NabLabelsReader.FindWindows(windows, fileKey, windowsPath);
        var results = FindResults(referenceFolder, detector, fileKey);
        if (results is not null)
        {
            var output = NabFileReader.ReadResults(results);
            return NabScoringFile.Create(fileKey, output.Timestamps, output.AnomalyScores!, fileWindows);
        }

        bool isNull = string.Equals(detector, "null", StringComparison.Ordinal);
        if (!isNull && !string.Equals(detector, "windowedGaussian", StringComparison.Ordinal))
        {
            return null;
        }

        var series = RebuildSource(nabRoot, referenceFolder, fileKey);
        if (series is null)
        {
            return null;
        }

        double[] scores;
        if (isNull)
        {
            scores = new double[series.Timestamps.Length];
            Array.Fill(scores, NullDetectorScore);
        }
        else
        {
            // NAB wrote its per-row outputs with 12 significant digits and scored what it read back, so a score
            // within 5e−13 of 1 counts as 1.
            scores = Array.ConvertAll(WindowedGaussianDetector.Score(series.Values), NabReferenceRow.RoundTo12Digits);
        }

        return NabScoringFile.Create(fileKey, series.Timestamps, scores, fileWindows);
    }

    /// <summary>The file's rows, from the data file or else from any detector's per-row output for it.</summary>
    private static NabSeries? RebuildSource(string nabRoot, string referenceFolder, string fileKey)
    {
        var data = Path.Combine(nabRoot, "data", fileKey.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(data))
        {
            return NabFileReader.ReadData(data);
        }

        foreach (var detectorFolder in Directory.GetDirectories(referenceFolder).OrderBy(p => p, StringComparer.Ordinal))
        {
            var results = FindResults(referenceFolder, Path.GetFileName(detectorFolder), fileKey);
            if (results is not null)
            {
                return NabFileReader.ReadResults(results);
            }
        }

        return null;
    }
}
