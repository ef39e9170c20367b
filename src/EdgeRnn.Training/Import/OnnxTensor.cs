using System.Buffers.Binary;
using System.Globalization;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace EdgeRnn.Training.Import;

/// <summary>
/// A constant tensor of an ONNX graph (an initializer or a <c>Constant</c> node's value): its shape and its values,
/// widened to double. Float, double, int32 and int64 tensors are read, from <c>raw_data</c> (little-endian) or from the
/// typed fields; anything else, and data kept in an external file, is refused with the tensor's name.
/// </summary>
internal sealed class OnnxTensor
{
    private readonly double[] _values;

    private OnnxTensor(string name, long[] dims, DataType type, double[] values)
    {
        Name = name;
        Dims = dims;
        Type = type;
        _values = values;
    }

    /// <summary>The tensor's name (the value it defines), for messages.</summary>
    public string Name { get; }

    /// <summary>The shape; empty for a scalar.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The element type as stored.</summary>
    public DataType Type { get; }

    /// <summary>The values, row-major.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The shape as text, e.g. <c>[1, 32, 3]</c>.</summary>
    public string Shape => "[" + string.Join(", ", Dims) + "]";

    /// <summary>Whether every value is zero (−0 included).</summary>
    public bool IsAllZero => Array.TrueForAll(_values, v => v == 0);

    /// <summary>Reads a tensor message.</summary>
    /// <param name="tensor">The message.</param>
    /// <param name="name">The name used in messages (the tensor's own when it has one).</param>
    /// <param name="source">The file name used in messages.</param>
    /// <returns>The tensor.</returns>
    /// <exception cref="InvalidDataException">The type is not read, the data is external or does not fit the shape.</exception>
    public static OnnxTensor From(TensorProto tensor, string name, string source)
    {
        long[] dims = [.. tensor.Dims];
        string label = tensor.Name.Length != 0 ? tensor.Name : name;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
        {
            throw new InvalidDataException($"{source}: tensor '{label}': expected its data inside the file; found it in an external file (save the model with all tensors in one file: onnx.save(model, path, save_as_external_data=False)).");
        }

        long count = 1;
        foreach (long dim in dims)
        {
            if (dim < 0)
            {
                throw new InvalidDataException($"{source}: tensor '{label}': expected dimensions ≥ 0; found [{string.Join(", ", dims)}].");
            }

            count = Math.Min(count * dim, int.MaxValue);
        }

        var type = (DataType)tensor.DataType;
        double[] values = tensor.HasRawData ? FromRaw(tensor.RawData.Span, type, label, source) : FromTyped(tensor, type, label, source);
        if (values.Length != count)
        {
            throw new InvalidDataException($"{source}: tensor '{label}': expected {count} values for shape [{string.Join(", ", dims)}]; found {values.Length}.");
        }

        return new OnnxTensor(label, dims, type, values);
    }

    /// <summary>A tensor built from a <c>Constant</c> node's scalar or list attribute.</summary>
    /// <param name="name">The value it defines.</param>
    /// <param name="values">The values.</param>
    /// <param name="scalar">True for <c>value_float</c>/<c>value_int</c> (shape []), false for a list (shape [n]).</param>
    /// <param name="type">The element type.</param>
    /// <returns>The tensor.</returns>
    public static OnnxTensor FromValues(string name, double[] values, bool scalar, DataType type) =>
        new(name, scalar ? [] : [values.Length], type, values);

    /// <summary>The values as float32, checking they are finite and fit.</summary>
    /// <param name="source">The file name used in messages.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidDataException">The tensor is not float or double, or a value is not a finite float32.</exception>
    public float[] ToFloats(string source)
    {
        if (Type is not (DataType.Float or DataType.Double))
        {
            throw new InvalidDataException($"{source}: tensor '{Name}': expected float or double weights; found {Type}.");
        }

        var result = new float[_values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = (float)_values[i];
            if (!float.IsFinite(result[i]))
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{source}: tensor '{Name}': expected finite float32 values; found {_values[i]:R} at flat index {i}."));
            }
        }

        return result;
    }

    /// <summary>The values as whole numbers (axes, permutations).</summary>
    /// <param name="source">The file name used in messages.</param>
    /// <returns>A new array.</returns>
    /// <exception cref="InvalidDataException">The tensor is not of an integer type.</exception>
    public long[] ToLongs(string source) =>
        Type is DataType.Int64 or DataType.Int32
            ? Array.ConvertAll(_values, v => (long)v)
            : throw new InvalidDataException($"{source}: tensor '{Name}': expected int64 or int32 values; found {Type}.");

    private static double[] FromRaw(ReadOnlySpan<byte> raw, DataType type, string name, string source)
    {
        int size = type switch
        {
            DataType.Float or DataType.Int32 => 4,
            DataType.Double or DataType.Int64 => 8,
            _ => throw Unsupported(type, name, source),
        };
        if (raw.Length % size != 0)
        {
            throw new InvalidDataException($"{source}: tensor '{name}': expected raw_data in whole {size}-byte {type} values; found {raw.Length} bytes.");
        }

        var values = new double[raw.Length / size];
        for (int i = 0; i < values.Length; i++)
        {
            var bytes = raw.Slice(i * size, size);
            values[i] = type switch
            {
                DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
                _ => BinaryPrimitives.ReadInt64LittleEndian(bytes),
            };
        }

        return values;
    }

    private static double[] FromTyped(TensorProto tensor, DataType type, string name, string source) => type switch
    {
        DataType.Float => [.. tensor.FloatData.Select(v => (double)v)],
        DataType.Double => [.. tensor.DoubleData],
        DataType.Int32 => [.. tensor.Int32Data.Select(v => (double)v)],
        DataType.Int64 => [.. tensor.Int64Data.Select(v => (double)v)],
        _ => throw Unsupported(type, name, source),
    };

    private static InvalidDataException Unsupported(DataType type, string name, string source) =>
        new($"{source}: tensor '{name}': expected a float, double, int32 or int64 tensor; found {type}.");
}
