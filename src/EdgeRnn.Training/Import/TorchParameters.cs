using System.Text.Json;

namespace EdgeRnn.Training.Import;

/// <summary>
/// The <c>params</c> object of an exported model: PyTorch parameter names mapped to <c>{ "shape": [...], "data": [...] }</c>
/// in row-major order (<c>data</c> may also be nested lists, as <c>tensor.tolist()</c> writes them). Each parameter is taken
/// once, with its expected shape; whatever is left over at the end is an error, so nothing in the file is silently ignored.
/// </summary>
internal sealed class TorchParameters
{
    private readonly Dictionary<string, (int[] Shape, float[] Data)> _tensors;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly string _source;

    private TorchParameters(Dictionary<string, (int[] Shape, float[] Data)> tensors, string source)
    {
        _tensors = tensors;
        _source = source;
    }

    /// <summary>The parameter names, in file order.</summary>
    public IEnumerable<string> Names => _tensors.Keys;

    /// <summary>Reads every parameter, checking that each holds as many finite float32 values as its shape says.</summary>
    /// <param name="parameters">The <c>params</c> object.</param>
    /// <returns>The parameters.</returns>
    /// <exception cref="InvalidDataException">A parameter is malformed.</exception>
    public static TorchParameters Read(JsonFields parameters)
    {
        var tensors = new Dictionary<string, (int[] Shape, float[] Data)>(StringComparer.Ordinal);
        foreach (var property in parameters.Element.EnumerateObject())
        {
            var tensor = new JsonFields(property.Value, parameters.Source, parameters.Qualified(property.Name));
            int[] shape = tensor.OptionalInts("shape", 0, int.MaxValue)
                ?? throw new InvalidDataException($"{parameters.Source}: parameter '{property.Name}': expected a 'shape' array; found none.");
            long count = 1;
            foreach (int dimension in shape)
            {
                count = Math.Min(count * dimension, int.MaxValue);
            }

            var data = new List<float>();
            Flatten(tensor, tensor.Required("data"), tensor.Qualified("data"), data);
            if (data.Count != count)
            {
                throw new InvalidDataException($"{parameters.Source}: parameter '{property.Name}': expected {count} values for shape {Format(shape)}; found {data.Count}.");
            }

            tensors[property.Name] = (shape, data.ToArray());
        }

        return new TorchParameters(tensors, parameters.Source);
    }

    /// <summary>Whether a parameter is present.</summary>
    /// <param name="name">PyTorch's name.</param>
    /// <returns>True when present.</returns>
    public bool Contains(string name) => _tensors.ContainsKey(name);

    /// <summary>One dimension of a 2-D parameter, to infer a size the file does not state.</summary>
    /// <param name="name">PyTorch's name.</param>
    /// <param name="axis">0 for rows, 1 for columns.</param>
    /// <param name="layout">The expected layout, for messages, e.g. "[G·H, H]".</param>
    /// <returns>The dimension.</returns>
    /// <exception cref="InvalidDataException">The parameter is missing or not 2-D.</exception>
    public int Dimension(string name, int axis, string layout)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw Missing(name, layout);
        }

        if (tensor.Shape.Length != 2)
        {
            throw new InvalidDataException($"{_source}: parameter '{name}': expected a 2-D shape {layout}; found {Format(tensor.Shape)}.");
        }

        return tensor.Shape[axis];
    }

    /// <summary>Takes a parameter, checking its shape.</summary>
    /// <param name="name">PyTorch's name.</param>
    /// <param name="shape">The expected shape.</param>
    /// <returns>Its values, row-major.</returns>
    /// <exception cref="InvalidDataException">The parameter is missing or has another shape.</exception>
    public float[] Take(string name, params int[] shape)
    {
        if (!_tensors.TryGetValue(name, out var tensor))
        {
            throw Missing(name, Format(shape));
        }

        if (!tensor.Shape.AsSpan().SequenceEqual(shape))
        {
            throw new InvalidDataException($"{_source}: parameter '{name}': expected shape {Format(shape)}; found {Format(tensor.Shape)}.");
        }

        _taken.Add(name);
        return tensor.Data;
    }

    /// <summary>Fails if a parameter was not taken: something the model would otherwise silently drop.</summary>
    /// <param name="expected">What the file may hold, for the message.</param>
    /// <exception cref="InvalidDataException">A parameter was not taken.</exception>
    public void CheckAllTaken(string expected)
    {
        foreach (string name in _tensors.Keys)
        {
            if (!_taken.Contains(name))
            {
                throw new InvalidDataException($"{_source}: unexpected parameter '{name}'; expected only {expected}.");
            }
        }
    }

    /// <summary>Formats a shape as PyTorch prints it, e.g. <c>[28, 7]</c>.</summary>
    /// <param name="shape">The shape.</param>
    /// <returns>The text.</returns>
    public static string Format(IEnumerable<int> shape) => "[" + string.Join(", ", shape) + "]";

    /// <summary>The error for a parameter that is not in the file.</summary>
    /// <param name="name">PyTorch's name.</param>
    /// <param name="shape">The expected shape, for the message.</param>
    /// <returns>The exception to throw.</returns>
    public InvalidDataException Missing(string name, string shape) =>
        new($"{_source}: missing parameter '{name}' (expected shape {shape}); found {(_tensors.Count == 0 ? "no parameters" : string.Join(", ", _tensors.Keys))}.");

    private static void Flatten(JsonFields owner, JsonElement value, string path, List<float> into)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw owner.Error($"'{path}'", "an array of numbers", value);
        }

        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Array)
            {
                Flatten(owner, item, $"{path}[{i}]", into);
            }
            else
            {
                into.Add(owner.AsFloat(item, $"{path}[{i}]"));
            }

            i++;
        }
    }
}
