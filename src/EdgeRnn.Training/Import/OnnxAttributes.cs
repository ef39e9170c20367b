using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace EdgeRnn.Training.Import;

/// <summary>
/// The attributes of one node, read by name with the type ONNX gives them; every error names the file, the node and the
/// attribute, and says what was expected and what was found.
/// </summary>
internal sealed class OnnxAttributes
{
    private readonly Dictionary<string, AttributeProto> _attributes = new(StringComparer.Ordinal);
    private readonly string _node;
    private readonly string _source;

    /// <summary>Indexes a node's attributes.</summary>
    /// <param name="node">The node.</param>
    /// <param name="description">How messages name the node, e.g. <c>LSTM '/rnn/LSTM'</c>.</param>
    /// <param name="source">The file name used in messages.</param>
    public OnnxAttributes(NodeProto node, string description, string source)
    {
        _node = description;
        _source = source;
        foreach (var attribute in node.Attribute)
        {
            _attributes[attribute.Name] = attribute;
        }
    }

    /// <summary>Whether the node sets an attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>True when present.</returns>
    public bool Has(string name) => _attributes.ContainsKey(name);

    /// <summary>Refuses any attribute outside <paramref name="known"/>, so a setting the importer does not read is never ignored.</summary>
    /// <param name="known">The attributes the caller reads or checks.</param>
    /// <exception cref="InvalidDataException">Another attribute is present.</exception>
    public void CheckKnown(params string[] known)
    {
        foreach (string name in _attributes.Keys)
        {
            if (Array.IndexOf(known, name) < 0)
            {
                throw Error(name, $"one of {string.Join(", ", known)}", "an attribute EdgeRnn does not know for this operator");
            }
        }
    }

    /// <summary>Reads an INT attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its value, or null when absent.</returns>
    public long? Int(string name) => Get(name, AttributeType.Int)?.I;

    /// <summary>Reads a FLOAT attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its value, or null when absent.</returns>
    public float? Float(string name) => Get(name, AttributeType.Float)?.F;

    /// <summary>Reads a STRING attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its value (UTF-8), or null when absent.</returns>
    public string? String(string name) => Get(name, AttributeType.String)?.S.ToStringUtf8();

    /// <summary>Reads an INTS attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its values, or null when absent.</returns>
    public long[]? Ints(string name) => Get(name, AttributeType.Ints) is { } attribute ? [.. attribute.Ints] : null;

    /// <summary>Reads a FLOATS attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its values, or null when absent.</returns>
    public float[]? Floats(string name) => Get(name, AttributeType.Floats) is { } attribute ? [.. attribute.Floats] : null;

    /// <summary>Reads a STRINGS attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>Its values (UTF-8), or null when absent.</returns>
    public string[]? Strings(string name) =>
        Get(name, AttributeType.Strings) is { } attribute ? [.. attribute.Strings.Select(s => s.ToStringUtf8())] : null;

    /// <summary>Reads a TENSOR attribute.</summary>
    /// <param name="name">The attribute.</param>
    /// <returns>The tensor, or null when absent.</returns>
    public OnnxTensor? Tensor(string name) =>
        Get(name, AttributeType.Tensor) is { } attribute ? OnnxTensor.From(attribute.T, $"{_node} attribute '{name}'", _source) : null;

    /// <summary>Builds the error for an attribute value the importer cannot take.</summary>
    /// <param name="name">The attribute.</param>
    /// <param name="expected">What was expected (and, where it helps, why).</param>
    /// <param name="found">What was found.</param>
    /// <returns>The exception to throw.</returns>
    public InvalidDataException Error(string name, string expected, string found) =>
        new($"{_source}: {_node}, attribute '{name}': expected {expected}; found {found}.");

    private AttributeProto? Get(string name, AttributeType type)
    {
        if (!_attributes.TryGetValue(name, out var attribute))
        {
            return null;
        }

        return attribute.Type == type ? attribute : throw Error(name, $"a {type.ToString().ToUpperInvariant()} attribute", $"a {attribute.Type.ToString().ToUpperInvariant()} one");
    }
}
