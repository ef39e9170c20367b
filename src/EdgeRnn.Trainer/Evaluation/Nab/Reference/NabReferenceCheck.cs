using EdgeRnn.Trainer.Evaluation.Data;

namespace EdgeRnn.Trainer.Evaluation.Nab.Reference;

/// <summary>
/// Checks this scorer against NAB's published results: every row of every <c>&lt;detector&gt;_&lt;profile&gt;_scores.csv</c>
/// in a reference folder is recomputed from the detector's per-row output at the published threshold
/// (config/thresholds.json) and compared to the printed raw score and counts.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;nab&gt;/labels/combined_windows.json</c>, <c>&lt;nab&gt;/config/profiles.json</c>,
/// <c>&lt;nab&gt;/config/thresholds.json</c>, optional <c>&lt;nab&gt;/data/&lt;category&gt;/&lt;file&gt;.csv</c>; in the reference
/// folder the tables and <c>&lt;detector&gt;/&lt;category&gt;/&lt;detector&gt;_&lt;file&gt;.csv</c> (or .csv.gz) per-row outputs.
/// The null detector needs no per-row output: NAB's null detector gives every row the score 0.5, so its rows are
/// rebuilt from the file's timestamps. A detector without per-row output is reported as not compared.
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
            var series = NabFileReader.ReadResults(results);
            return NabScoringFile.Create(fileKey, series.Timestamps, series.AnomalyScores!, fileWindows);
        }

        if (!string.Equals(detector, "null", StringComparison.Ordinal))
        {
            return null;
        }

        var timestamps = NullDetectorTimestamps(nabRoot, referenceFolder, fileKey);
        if (timestamps is null)
        {
            return null;
        }

        var scores = new double[timestamps.Length];
        Array.Fill(scores, NullDetectorScore);
        return NabScoringFile.Create(fileKey, timestamps, scores, fileWindows);
    }

    private static DateTime[]? NullDetectorTimestamps(string nabRoot, string referenceFolder, string fileKey)
    {
        var data = Path.Combine(nabRoot, "data", fileKey.Replace('/', Path.DirectorySeparatorChar));
        if (File.Exists(data))
        {
            return NabFileReader.ReadData(data).Timestamps;
        }

        foreach (var detectorFolder in Directory.GetDirectories(referenceFolder).OrderBy(p => p, StringComparer.Ordinal))
        {
            var results = FindResults(referenceFolder, Path.GetFileName(detectorFolder), fileKey);
            if (results is not null)
            {
                return NabFileReader.ReadResults(results).Timestamps;
            }
        }

        return null;
    }
}
