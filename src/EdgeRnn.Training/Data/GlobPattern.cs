namespace EdgeRnn.Training.Data;

/// <summary>
/// A path pattern relative to a root folder: <c>*</c> matches any run of characters within one path segment, <c>?</c> one
/// character, and a segment that is exactly <c>**</c> matches zero or more whole segments. Both <c>/</c> and <c>\</c>
/// separate segments. Matching is case-sensitive except on Windows.
/// </summary>
internal sealed class GlobPattern
{
    private readonly string[] _segments;
    private readonly StringComparison _comparison;

    /// <summary>Parses a pattern such as <c>*.csv</c> or <c>**/pump_*.csv</c>.</summary>
    /// <param name="pattern">The pattern, relative to the folder it will be matched in.</param>
    public GlobPattern(string pattern)
    {
        _segments = SplitSegments(pattern);
        _comparison = OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
    }

    /// <summary>Whether the pattern spans folders (has <c>**</c> or more than one segment).</summary>
    public bool SpansFolders => _segments.Length > 1;

    /// <summary>Whether <paramref name="text"/> contains a wildcard character (<c>*</c> or <c>?</c>).</summary>
    /// <param name="text">A path or pattern.</param>
    /// <returns>True when it is a pattern rather than a plain path.</returns>
    public static bool HasWildcard(string text) => text.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Whether a path relative to the root matches the whole pattern.</summary>
    /// <param name="relativePath">A path relative to the root, separated by <c>/</c> or <c>\</c>.</param>
    /// <returns>True on a match.</returns>
    public bool IsMatch(string relativePath) => MatchSegments(SplitSegments(relativePath), 0, 0);

    private static string[] SplitSegments(string path) =>
        path.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();

    private bool MatchSegments(string[] path, int p, int s)
    {
        while (s < _segments.Length)
        {
            if (_segments[s] == "**")
            {
                // Zero or more whole segments: try every possible continuation.
                for (int skip = p; skip <= path.Length; skip++)
                {
                    if (MatchSegments(path, skip, s + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (p >= path.Length || !MatchSegment(_segments[s], path[p]))
            {
                return false;
            }

            p++;
            s++;
        }

        return p == path.Length;
    }

    private bool MatchSegment(string pattern, string name)
    {
        // Greedy matching with a single backtrack point for the last '*': linear in practice, exact for '*' and '?'.
        int pi = 0;
        int ni = 0;
        int starPattern = -1;
        int starName = 0;
        while (ni < name.Length)
        {
            if (pi < pattern.Length && pattern[pi] == '*')
            {
                starPattern = pi++;
                starName = ni;
            }
            else if (pi < pattern.Length && (pattern[pi] == '?' || CharEquals(pattern[pi], name[ni])))
            {
                pi++;
                ni++;
            }
            else if (starPattern >= 0)
            {
                pi = starPattern + 1;
                ni = ++starName;
            }
            else
            {
                return false;
            }
        }

        while (pi < pattern.Length && pattern[pi] == '*')
        {
            pi++;
        }

        return pi == pattern.Length;
    }

    private bool CharEquals(char a, char b) =>
        a == b || (_comparison == StringComparison.OrdinalIgnoreCase && char.ToUpperInvariant(a) == char.ToUpperInvariant(b));
}
