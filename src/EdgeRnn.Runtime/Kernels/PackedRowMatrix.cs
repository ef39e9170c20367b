namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A float32 matrix with fewer rows than a <see cref="PackedFloatMatrix.Unit"/> (a dense head of a few outputs), row-major
/// for <see cref="RowGemv"/>: each row padded with zero weights to <see cref="PaddedCols"/>, a multiple of
/// <see cref="Lanes"/>, and starting on a 32-byte boundary.
/// </summary>
internal sealed class PackedRowMatrix
{
    /// <summary>Partial sums per row: one Vector256 or two Vector128.</summary>
    public const int Lanes = 8;

    private readonly AlignedArray<float> _data;

    private PackedRowMatrix(int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        PaddedCols = (cols + Lanes - 1) / Lanes * Lanes;
        _data = new AlignedArray<float>(rows * PaddedCols);
    }

    public int Rows { get; }

    public int Cols { get; }

    public int PaddedCols { get; }

    public Span<float> Data => _data.Span;

    public ref float Start => ref _data.Start;

    public static PackedRowMatrix Pack(ReadOnlySpan<float> rowMajor, int rows, int cols)
    {
        var packed = new PackedRowMatrix(rows, cols);
        for (int r = 0; r < rows; r++)
        {
            rowMajor.Slice(r * cols, cols).CopyTo(packed.Data.Slice(r * packed.PaddedCols, cols));
        }

        return packed;
    }
}
