using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>One weight matrix ready for its kernel: float32 or int8 packed, rows optionally reordered.</summary>
internal sealed class CompiledMatrix
{
    private readonly PackedFloatMatrix? _float;
    private readonly PackedInt8Matrix? _int8;

    public CompiledMatrix(WeightMatrix matrix, ReadOnlySpan<int> rowOrder = default)
    {
        Rows = matrix.Rows;
        Cols = matrix.Cols;
        if (matrix.IsQuantized)
        {
            _int8 = PackedInt8Matrix.Pack(matrix, PackedInt8Matrix.PreferredLayout, rowOrder);
            PaddedCols = _int8.PaddedCols;
        }
        else
        {
            _float = PackedFloatMatrix.Pack(matrix, rowOrder);
            PaddedCols = matrix.Cols;
        }

        PaddedRows = PackedFloatMatrix.PadRows(matrix.Rows);
    }

    public int Rows { get; }

    public int Cols { get; }

    public int PaddedRows { get; }

    /// <summary>The length an int8 input vector must be padded to (Cols for float).</summary>
    public int PaddedCols { get; }

    public bool IsQuantized => _int8 is not null;

    /// <summary>y = init + W·x; for int8 x is quantized into <paramref name="quantized"/> first (per-vector scale).</summary>
    public void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, Span<sbyte> quantized)
    {
        if (_int8 is null)
        {
            FloatGemv.MultiplyAdd(_float!, x, init, y);
        }
        else
        {
            float scale = Int8Quantizer.Quantize(x[..Cols], quantized);
            Int8Gemv.MultiplyAdd(_int8, quantized, scale, init, y);
        }
    }
}
