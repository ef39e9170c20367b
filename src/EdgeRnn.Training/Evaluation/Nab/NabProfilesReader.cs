using System.Text.Json;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>Reads NAB's config/profiles.json (profile name → CostMatrix with tpWeight, fpWeight, fnWeight).</summary>
internal static class NabProfilesReader
{
    public static IReadOnlyList<NabCostProfile> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "expected a NAB profiles file (profiles.json), found none");
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<NabCostProfile> Parse(string json, string path)
    {
        using var document = ParseJson(json, path);
        var profiles = new List<NabCostProfile>();
        foreach (var profile in document.RootElement.EnumerateObject())
        {
            if (!profile.Value.TryGetProperty("CostMatrix", out var matrix) || matrix.ValueKind != JsonValueKind.Object)
            {
                throw new DataFileException(path, 0, $"profile '{profile.Name}': expected a \"CostMatrix\" object, found none");
            }

            profiles.Add(new NabCostProfile(
                profile.Name,
                Weight(matrix, "tpWeight", profile.Name, path),
                Weight(matrix, "fpWeight", profile.Name, path),
                Weight(matrix, "fnWeight", profile.Name, path)));
        }

        return profiles;
    }

    internal static JsonDocument ParseJson(string json, string path)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new DataFileException(path, (int)(e.LineNumber ?? -1) + 1, $"expected JSON, found a syntax error: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            throw new DataFileException(path, 0, $"expected a JSON object, found a {kind}");
        }

        return document;
    }

    private static double Weight(JsonElement matrix, string name, string profile, string path)
    {
        if (!matrix.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            throw new DataFileException(path, 0, $"profile '{profile}': expected a number \"{name}\", found {(value.ValueKind == JsonValueKind.Undefined ? "none" : value.GetRawText())}");
        }

        var weight = value.GetDouble();
        if (!(weight >= 0.0) || double.IsInfinity(weight))
        {
            throw new DataFileException(path, 0, $"profile '{profile}': expected \"{name}\" >= 0, found {weight}");
        }

        return weight;
    }
}
