using System.Globalization;
using System.Text.Json;

namespace EdgeRnn.Training.Import;

/// <summary>
/// Typed access to the fields of one JSON object, each error naming the source file and the field, and saying what was
/// expected and what was found. An absent field and a JSON null both read as "absent".
/// </summary>
internal sealed class JsonFields
{
    /// <summary>Parses a JSON document (depth at most 32), or throws <see cref="InvalidDataException"/> naming the source.</summary>
    public static JsonDocument Parse(Stream json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{source}: expected JSON; {exception.Message}", exception);
        }
    }

    private readonly JsonElement _element;

    /// <summary>Wraps an element that must be a JSON object.</summary>
    /// <param name="element">The object.</param>
    /// <param name="source">The file name used in messages.</param>
    /// <param name="path">Where the object sits in the document (empty for the root), used in messages.</param>
    /// <exception cref="InvalidDataException">The element is not an object.</exception>
    public JsonFields(JsonElement element, string source, string path)
    {
        Source = source;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path.Length == 0 ? "the document" : $"'{path}'", "a JSON object", element);
        }

        _element = element;
    }

    /// <summary>The file name used in messages.</summary>
    public string Source { get; }

    /// <summary>The path of this object in the document.</summary>
    public string Path { get; }

    /// <summary>The wrapped object.</summary>
    public JsonElement Element => _element;

    /// <summary>Reads a field that must be present.</summary>
    /// <param name="name">The field.</param>
    /// <returns>Its value.</returns>
    /// <exception cref="InvalidDataException">The field is absent.</exception>
    public JsonElement Required(string name) =>
        Optional(name) ?? throw new InvalidDataException($"{Source}: expected a field '{Qualified(name)}'; found none.");

    /// <summary>Reads a field, or null when it is absent or JSON null.</summary>
    /// <param name="name">The field.</param>
    /// <returns>Its value or null.</returns>
    public JsonElement? Optional(string name) =>
        _element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>Reads a nested object, or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The object's fields or null.</returns>
    public JsonFields? OptionalObject(string name) =>
        Optional(name) is { } value ? new JsonFields(value, Source, Qualified(name)) : null;

    /// <summary>Reads a string, or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The string or null.</returns>
    public string? OptionalString(string name) => Optional(name) is { } value ? AsString(value, Qualified(name)) : null;

    /// <summary>Reads a whole number in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The number or null.</returns>
    public int? OptionalInt(string name, int min, int max) =>
        Optional(name) is { } value ? AsInt(value, Qualified(name), min, max) : null;

    /// <summary>Reads a finite number, or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The number or null.</returns>
    public double? OptionalNumber(string name)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            throw Error($"'{Qualified(name)}'", "a finite number", value);
        }

        return number;
    }

    /// <summary>Reads an array of strings, or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The strings or null.</returns>
    public string[]? OptionalStrings(string name) =>
        OptionalArray(name, (item, path) => AsString(item, path));

    /// <summary>Reads an array of whole numbers in [<paramref name="min"/>, <paramref name="max"/>], or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <param name="min">Smallest accepted value.</param>
    /// <param name="max">Largest accepted value.</param>
    /// <returns>The numbers or null.</returns>
    public int[]? OptionalInts(string name, int min, int max) =>
        OptionalArray(name, (item, path) => AsInt(item, path, min, max));

    /// <summary>Reads an array of numbers that fit a finite float32, or null when absent.</summary>
    /// <param name="name">The field.</param>
    /// <returns>The numbers or null.</returns>
    public float[]? OptionalFloats(string name) =>
        OptionalArray(name, (item, path) => AsFloat(item, path));

    /// <summary>Converts a JSON number to a finite float32.</summary>
    /// <param name="value">The element.</param>
    /// <param name="path">Where it is, for messages.</param>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidDataException">It is not a number or does not fit a finite float32.</exception>
    public float AsFloat(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number))
        {
            throw Error($"'{path}'", "a number", value);
        }

        float single = (float)number;
        if (!float.IsFinite(single))
        {
            throw new InvalidDataException($"{Source}: '{path}': expected a number within float32 range (±3.4e38); found {number.ToString("R", CultureInfo.InvariantCulture)}.");
        }

        return single;
    }

    /// <summary>Builds the error for a value of the wrong kind.</summary>
    /// <param name="what">What holds the value, quoted.</param>
    /// <param name="expected">What was expected.</param>
    /// <param name="found">What was found.</param>
    /// <returns>The exception to throw.</returns>
    public InvalidDataException Error(string what, string expected, JsonElement found)
    {
        string text = found.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? found.ValueKind.ToString().ToLowerInvariant() : found.GetRawText();
        if (text.Length > 40)
        {
            text = string.Concat(text.AsSpan(0, 40), "…");
        }

        return new InvalidDataException($"{Source}: {what}: expected {expected}; found {text}.");
    }

    /// <summary>The path of a field of this object.</summary>
    /// <param name="name">The field.</param>
    /// <returns>"path.name", or "name" at the root.</returns>
    public string Qualified(string name) => Path.Length == 0 ? name : Path + "." + name;

    private T[]? OptionalArray<T>(string name, Func<JsonElement, string, T> convert)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        string path = Qualified(name);
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error($"'{path}'", "an array", value);
        }

        var result = new T[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            result[i] = convert(item, $"{path}[{i}]");
            i++;
        }

        return result;
    }

    private string AsString(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Error($"'{path}'", "a string", value);

    private int AsInt(JsonElement value, string path, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number) || number < min || number > max)
        {
            throw Error($"'{path}'", $"a whole number in [{min}, {max}]", value);
        }

        return (int)number;
    }
}
