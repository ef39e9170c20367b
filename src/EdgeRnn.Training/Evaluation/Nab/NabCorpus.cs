using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// The files of a NAB-shaped folder (<c>data/&lt;category&gt;/&lt;file&gt;.csv</c> and <c>labels/combined_windows.json</c>):
/// every data file that has a key in the windows file, in key order, whatever its category folder. It works on NAB's 58
/// files or any part of them; data files that have no key are listed in <see cref="UnlabelledDataFiles"/>, not scored.
/// </summary>
internal sealed class NabCorpus
{
    private NabCorpus(string root, IReadOnlyList<NabCorpusFile> files, IReadOnlyList<string> missing, IReadOnlyList<string> unlabelled)
    {
        Root = root;
        Files = files;
        MissingDataFiles = missing;
        UnlabelledDataFiles = unlabelled;
    }

    public string Root { get; }

    public IReadOnlyList<NabCorpusFile> Files { get; }

    /// <summary>Keys of the windows file whose data file is absent (a partial corpus).</summary>
    public IReadOnlyList<string> MissingDataFiles { get; }

    /// <summary>Keys (<c>category/file.csv</c>) of data files that the windows file does not name: not scored.</summary>
    public IReadOnlyList<string> UnlabelledDataFiles { get; }

    /// <summary>The categories scored, in key order.</summary>
    public IReadOnlyList<string> Categories => [.. Files.Select(f => f.Category).Distinct(StringComparer.Ordinal)];

    public static NabCorpus Load(string root)
    {
        var windowsPath = Path.Combine(root, "labels", "combined_windows.json");
        var windows = NabLabelsReader.ReadWindows(windowsPath);
        var files = new List<NabCorpusFile>();
        var missing = new List<string>();
        foreach (var key in windows.Keys.Order(StringComparer.Ordinal))
        {
            var dataPath = Path.Combine(root, "data", key.Replace('/', Path.DirectorySeparatorChar));
            if (!File.Exists(dataPath))
            {
                missing.Add(key);
                continue;
            }

            files.Add(new NabCorpusFile(key, NabFileReader.ReadData(dataPath), windows[key]));
        }

        if (files.Count == 0)
        {
            throw new DataFileException(Path.Combine(root, "data"), 0, $"expected data files named by the keys of {windowsPath}, found none");
        }

        var dataRoot = Path.Combine(root, "data");
        var unlabelled = Directory.EnumerateFiles(dataRoot, "*.csv", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dataRoot, p).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(key => !windows.ContainsKey(key))
            .Order(StringComparer.Ordinal)
            .ToList();
        return new NabCorpus(root, files, missing, unlabelled);
    }
}

/// <summary>One NAB data file with its windows.</summary>
/// <param name="Key">The file's key, <c>category/file.csv</c>.</param>
/// <param name="Data">Its rows (timestamps and values).</param>
/// <param name="Windows">Its labelled windows.</param>
internal sealed record NabCorpusFile(string Key, NabSeries Data, IReadOnlyList<NabWindow> Windows)
{
    /// <summary>The category: the key's folder.</summary>
    public string Category => FolderOf(Key);

    /// <summary>The folder of a key (<c>realTweets/Twitter_volume_FB.csv</c> → <c>realTweets</c>); empty when it has none.</summary>
    public static string FolderOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        int slash = key.LastIndexOf('/');
        return slash < 0 ? string.Empty : key[..slash];
    }

    /// <summary>What the file's clock did, row by row in arrival order: steps back, repeated timestamps, gaps.</summary>
    public StreamClock Clock { get; } = ClockAudit.Of(Data.Timestamps);

    /// <summary>The rows a detector may learn from before scoring starts: min(⌊0.15·n⌋, 750).</summary>
    public int ProbationLength => NabScoringFile.ProbationLengthOf(Data.Timestamps.Length);

    /// <summary>Prepares the file for scoring with a detector's scores (one per row, in [0, 1]).</summary>
    public NabScoringFile WithScores(IReadOnlyList<double> scores) => NabScoringFile.Create(Key, Data.Timestamps, scores, Windows);
}
