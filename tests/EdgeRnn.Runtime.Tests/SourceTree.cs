namespace EdgeRnn.Runtime.Tests;

/// <summary>Finds files and folders of the repository from the test's output folder (tests that read the README or the sources).</summary>
internal static class SourceTree
{
    /// <summary>The first <paramref name="relative"/> path (file or folder) in the output folder or a folder above it.</summary>
    public static string FindUp(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate) || Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Expected {relative} in a folder above {AppContext.BaseDirectory}; found none.");
    }
}
