using System.Text.Json;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Reads NAB's config/thresholds.json: detector → profile → { "threshold", "score" } (the published thresholds and the
/// raw corpus scores they gave on the full corpus).
/// </summary>
internal static class NabThresholdsReader
{
    /// <summary>Reads every detector's thresholds, keyed by detector then profile name.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "expected a NAB thresholds file (thresholds.json), found none");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> Parse(string json, string path)
    {
        using var document = NabProfilesReader.ParseJson(json, path);
        var result = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var detector in document.RootElement.EnumerateObject())
        {
            var profiles = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var profile in detector.Value.EnumerateObject())
            {
                if (!profile.Value.TryGetProperty("threshold", out var threshold) || threshold.ValueKind != JsonValueKind.Number)
                {
                    throw new DataFileException(path, 0, $"'{detector.Name}'/'{profile.Name}': expected a number \"threshold\", found none");
                }

                profiles[profile.Name] = threshold.GetDouble();
            }

            result[detector.Name] = profiles;
        }

        return result;
    }
}
