namespace EdgeRnn.Training.Evaluation.Detector;

/// <summary>The benchmarks' <c>--keep-models</c>: each file's model written as <c>&lt;dir&gt;/&lt;folder&gt;/&lt;file&gt;.ernn</c>.</summary>
internal static class KeptModels
{
    /// <summary>Writes one model.</summary>
    /// <param name="root">The folder given to --keep-models.</param>
    /// <param name="key">The file's key, e.g. realTweets/Twitter_volume_AAPL.csv.</param>
    /// <param name="modelFile">The model file's bytes.</param>
    public static void Write(string root, string key, byte[] modelFile)
    {
        string path = PathOf(root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, modelFile);
    }

    /// <summary>Where the model of <paramref name="key"/> is kept.</summary>
    public static string PathOf(string root, string key)
    {
        string relative = Path.ChangeExtension(key.Replace('\\', '/'), ".ernn");
        return Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
    }
}
