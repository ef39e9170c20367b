using System.Text.Json;
using EdgeRnn.Recordings;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// Reads NAB's label file labels/combined_windows.json: an object whose keys are <c>category/file.csv</c> and whose
/// values are lists of <c>[start, end]</c> timestamp pairs.
/// </summary>
internal static class NabLabelsReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> ReadWindows(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataFileException(path, 0, "expected a NAB windows file (combined_windows.json), found none");
        }

        return ReadWindows(File.ReadAllText(path), path);
    }

    /// <summary>Parses windows JSON text; <paramref name="path"/> only names the source in messages.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> ReadWindows(string json, string path)
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

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new DataFileException(path, 0, $"expected an object keyed by file name, found a {document.RootElement.ValueKind}");
            }

            var result = new Dictionary<string, IReadOnlyList<NabWindow>>(StringComparer.Ordinal);
            foreach (var file in document.RootElement.EnumerateObject())
            {
                result[file.Name] = ReadFileWindows(file, path);
            }

            return result;
        }
    }

    /// <summary>
    /// Finds the windows of a data file by its key (<c>category/file.csv</c>) or, failing that, by the key whose file name
    /// is the given file's name, or its end after an underscore (a NAB results file, <c>&lt;detector&gt;_&lt;file&gt;.csv</c>,
    /// optionally .gz). Throws when no key or several keys match.
    /// </summary>
    public static IReadOnlyList<NabWindow> FindWindows(IReadOnlyDictionary<string, IReadOnlyList<NabWindow>> windows, string dataFile, string windowsPath)
    {
        var key = dataFile.Replace('\\', '/');
        if (windows.TryGetValue(key, out var exact))
        {
            return exact;
        }

        var name = System.IO.Path.GetFileName(key);
        if (name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^3];
        }

        // A NAB results file is named <detector>_<file>.csv: its key's file name is a suffix after an underscore.
        var matches = windows.Keys.Where(k =>
        {
            var keyName = k[(k.LastIndexOf('/') + 1)..];
            return keyName == name || name.EndsWith("_" + keyName, StringComparison.Ordinal);
        }).ToList();
        return matches.Count switch
        {
            1 => windows[matches[0]],
            0 => throw new DataFileException(windowsPath, 0, $"expected a key for '{name}' (category/{name}), found none among {windows.Count} files"),
            _ => throw new DataFileException(windowsPath, 0, $"expected one key for '{name}', found {matches.Count}: {string.Join(", ", matches)}"),
        };
    }

    private static List<NabWindow> ReadFileWindows(JsonProperty file, string path)
    {
        if (file.Value.ValueKind != JsonValueKind.Array)
        {
            throw new DataFileException(path, 0, $"'{file.Name}': expected a list of [start, end] windows, found a {file.Value.ValueKind}");
        }

        var list = new List<NabWindow>();
        foreach (var pair in file.Value.EnumerateArray())
        {
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
            {
                throw new DataFileException(path, 0, $"'{file.Name}' window {list.Count + 1}: expected [start, end], found {pair.GetRawText()}");
            }

            var start = ParseBound(pair[0], file.Name, list.Count, path);
            var end = ParseBound(pair[1], file.Name, list.Count, path);
            if (end < start)
            {
                throw new DataFileException(path, 0, $"'{file.Name}' window {list.Count + 1}: expected start <= end, found {start:s} > {end:s}");
            }

            list.Add(new NabWindow(start, end));
        }

        return list;
    }

    private static DateTime ParseBound(JsonElement element, string file, int index, string path)
    {
        var text = element.ValueKind == JsonValueKind.String ? element.GetString() ?? string.Empty : element.GetRawText();
        if (!RecordingTime.TryParse(System.Text.Encoding.UTF8.GetBytes(text), out DateTime value))
        {
            throw new DataFileException(path, 0, $"'{file}' window {index + 1}: expected a timestamp, found '{text}'");
        }

        return value;
    }
}
