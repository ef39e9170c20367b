using EdgeRnn.Recordings;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// The groups of a SKAB-shaped folder: every sub-folder of the root, or of root/data, that holds SKAB-shaped files
/// (a header with a <c>datetime</c> column; SKAB's are ';'-separated, and any dialect of the recording contract is read),
/// except <c>anomaly-free</c>. SKAB has <c>valve1</c>, <c>valve2</c> and
/// <c>other</c>; any further group is read the same way.
/// </summary>
internal static class SkabGroups
{
    /// <summary>SKAB's folder of the one unlabelled file, which no protocol scores.</summary>
    public const string AnomalyFree = "anomaly-free";

    /// <summary>Finds the groups, in ordinal order of their folder, each with its files in SKAB's numeric order.</summary>
    /// <param name="root">The SKAB folder (holding the groups directly or under data/).</param>
    /// <returns>The groups, and the .csv files inside them that are not SKAB-shaped (not read).</returns>
    /// <exception cref="DataFileException">No group holds a SKAB-shaped file.</exception>
    public static (IReadOnlyList<SkabGroup> Groups, IReadOnlyList<string> NotSkabShaped) Find(string root)
    {
        var folders = new[] { root, Path.Combine(root, "data") }
            .Where(Directory.Exists)
            .SelectMany(Directory.GetDirectories)
            .Where(f => !string.Equals(Path.GetFileName(f), AnomalyFree, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        var groups = new List<SkabGroup>();
        var skipped = new List<string>();
        foreach (var folder in folders)
        {
            var csv = Directory.GetFiles(folder, "*.csv")
                .OrderBy(p => int.TryParse(Path.GetFileNameWithoutExtension(p), out int n) ? n : int.MaxValue)
                .ThenBy(p => p, StringComparer.Ordinal)
                .ToList();
            var shaped = csv.Where(IsSkabShaped).ToList();
            if (shaped.Count > 0)
            {
                groups.Add(new SkabGroup(Path.GetFileName(folder), shaped));
                skipped.AddRange(csv.Except(shaped).Select(p => Path.GetRelativePath(root, p)));
            }
        }

        if (groups.Count == 0)
        {
            throw new DataFileException(root, 0, "expected SKAB files (with a datetime column) in sub-folders such as valve1/, valve2/, other/ (directly or under data/), found none");
        }

        return (groups, skipped);
    }

    private static bool IsSkabShaped(string path)
    {
        try
        {
            using var reader = CsvReader.Open(path);
            return reader.TryRead(out ReadOnlySpan<byte> first)
                && RecordingLayout.Of(first, reader.Dialect).Names?.Contains("datetime", StringComparer.OrdinalIgnoreCase) == true;
        }
        catch (CsvFormatException)
        {
            return false;
        }
    }
}

/// <summary>One SKAB group: its folder name (e.g. <c>valve1</c>) and its files.</summary>
/// <param name="Name">The folder name.</param>
/// <param name="Files">The files' paths, in SKAB's numeric order.</param>
internal sealed record SkabGroup(string Name, IReadOnlyList<string> Files);
