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
            _int8 = PackedInt8Matrix.Pack(matrix.Quantized, matrix.RowScales, matrix.Rows, matrix.Cols, PackedInt8Matrix.PreferredLayout, rowOrder);
            PaddedCols = _int8.PaddedCols;
        }
        else
        {
            _float = PackedFloatMatrix.Pack(matrix.Values, matrix.Rows, matrix.Cols, rowOrder);
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

    /// <summary>The float32 packed weights; null for int8.</summary>
    public PackedFloatMatrix? Float => _float;

    /// <summary>
    /// y = init + W·x; for int8 x is quantized into <paramref name="quantized"/> first (per-vector scale). A float matrix
    /// walks its blocks last to first when <paramref name="descending"/> (same result).
    /// </summary>
    public void MultiplyAdd(ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, Span<sbyte> quantized, bool descending = false)
    {
        if (_int8 is null)
        {
            FloatGemv.MultiplyAdd(_float!, x, init, y, descending);
        }
        else
        {
            float scale = Int8Quantizer.Quantize(x[..Cols], quantized);
            Int8Gemv.MultiplyAdd(_int8, quantized, scale, init, y);
        }
    }

    /// <summary>
    /// <see cref="MultiplyAdd"/> with an int8
    /// matrix's input quantization taken from <paramref name="cache"/> (the same values and scale; a float matrix ignores it).
    /// </summary>
    public void MultiplyAddCached(ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, Span<sbyte> quantized, bool descending, QuantizedHidden? cache)
    {
        if (_int8 is null || cache is null)
        {
            MultiplyAdd(x, init, y, quantized, descending);
            return;
        }

        var q = cache.Of(x[..Cols], out float scale);
        Int8Gemv.MultiplyAdd(_int8, q, scale, init, y);
    }

    /// <summary>
    /// y_s = init_s + W·x_s for count vectors (see <see cref="FloatGemv.MultiplyAddMany"/>); for int8 each x_s is
    /// quantized into <paramref name="quantized"/> (count × PaddedCols) with its scale in <paramref name="scales"/>.
    /// </summary>
    public void MultiplyAddMany(ReadOnlySpan<float> xs, int xStride, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride, int count, Span<sbyte> quantized, Span<float> scales)
    {
        if (_int8 is null)
        {
            FloatGemv.MultiplyAddMany(_float!, xs, xStride, init, initStride, ys, yStride, count);
            return;
        }

        int padded = _int8.PaddedCols;
        for (int s = 0; s < count; s++)
        {
            scales[s] = Int8Quantizer.Quantize(xs.Slice(s * xStride, Cols), quantized.Slice(s * padded, padded));
        }

        Int8Gemv.MultiplyAddMany(_int8, quantized, padded, scales, init, initStride, ys, yStride, count);
    }
}
