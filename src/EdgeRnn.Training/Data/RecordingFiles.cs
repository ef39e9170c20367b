namespace EdgeRnn.Training.Data;

/// <summary>
/// Turns a <c>--data</c> argument into the list of files to read: a file as is; a folder gives every file with the
/// extension directly in it; a glob (<c>data/*.csv</c>, <c>rec/**/pump_*.csv</c>, see <see cref="GlobPattern"/>) gives
/// every matching file below the glob's fixed leading folders. Results are sorted by ordinal path, so the order (and with
/// it the training run) does not depend on the file system.
/// </summary>
internal static class RecordingFiles
{
    private const int MaxFolderDepth = 32;

    /// <summary>Resolves a data specification.</summary>
    /// <param name="spec">A file, a folder or a glob.</param>
    /// <param name="extension">The extension a folder's files must have, with the dot (".csv", ".txt").</param>
    /// <returns>At least one existing file path.</returns>
    /// <exception cref="RecordingException">Nothing exists or matches.</exception>
    public static IReadOnlyList<string> Resolve(string spec, string extension = ".csv")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        if (File.Exists(spec))
        {
            return [spec];
        }

        if (Directory.Exists(spec))
        {
            var files = Directory.EnumerateFiles(spec, "*", SearchOption.TopDirectoryOnly)
                .Where(f => f.EndsWith(extension, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
            return files.Length > 0
                ? files
                : throw new RecordingException($"Expected {extension} files in folder '{spec}'; found none.");
        }

        if (!GlobPattern.HasWildcard(spec))
        {
            throw new RecordingException($"Expected a file, a folder or a glob for the data; '{spec}' does not exist.");
        }

        return ResolveGlob(spec);
    }

    /// <summary>
    /// Resolves several specifications (a shell that expands <c>data/*.csv</c> itself passes the files one by one) and
    /// returns their union, without duplicates, in the order the specifications give.
    /// </summary>
    /// <param name="specs">Files, folders or globs; at least one.</param>
    /// <param name="extension">The extension a folder's files must have, with the dot.</param>
    /// <returns>At least one existing file path.</returns>
    /// <exception cref="RecordingException">No specification is given, or one resolves to nothing.</exception>
    public static IReadOnlyList<string> Resolve(IEnumerable<string> specs, string extension = ".csv")
    {
        ArgumentNullException.ThrowIfNull(specs);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (string spec in specs)
        {
            files.AddRange(Resolve(spec, extension).Where(f => seen.Add(Path.GetFullPath(f))));
        }

        return files.Count > 0 ? files : throw new RecordingException("Expected a data file, folder or glob; none was given.");
    }

    private static string[] ResolveGlob(string spec)
    {
        SplitRoot(spec, out string root, out string pattern);
        if (!Directory.Exists(root))
        {
            throw new RecordingException($"Expected files matching '{spec}'; the folder '{root}' does not exist.");
        }

        var glob = new GlobPattern(pattern);
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = glob.SpansFolders,
            MaxRecursionDepth = MaxFolderDepth,
            IgnoreInaccessible = true,
        };
        var files = Directory.EnumerateFiles(root, "*", options)
            .Where(f => glob.IsMatch(Path.GetRelativePath(root, f)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        return files.Length > 0
            ? files
            : throw new RecordingException($"Expected files matching '{spec}'; found none (searched '{Path.GetFullPath(root)}').");
    }

    /// <summary>Splits a glob into its leading folders without wildcards and the pattern after them.</summary>
    private static void SplitRoot(string spec, out string root, out string pattern)
    {
        int wildcard = spec.AsSpan().IndexOfAny('*', '?');
        int separator = spec.AsSpan(0, wildcard).LastIndexOfAny('/', '\\');
        if (separator < 0)
        {
            root = ".";
            pattern = spec;
            return;
        }

        root = separator == 0 ? spec[..1] : spec[..separator];
        pattern = spec[(separator + 1)..];
    }
}
