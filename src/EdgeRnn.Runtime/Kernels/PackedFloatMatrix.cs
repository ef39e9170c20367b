using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A float32 matrix packed for <see cref="FloatGemv"/>: rows padded to a multiple of <see cref="Unit"/> and stored unit by
/// unit, each unit column-major (<c>[unit][col][16 rows]</c>), so that a kernel streams each unit's weights in order and
/// keeps a block of rows in vector accumulators while it walks the columns.
/// </summary>
internal sealed class PackedFloatMatrix
{
    /// <summary>Rows per unit: one Vector512, two Vector256 or four Vector128.</summary>
    public const int Unit = 16;

    private readonly AlignedArray<float> _data;

    private PackedFloatMatrix(int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        _data = new AlignedArray<float>(PadRows(rows) * cols);
    }

    public int Rows { get; }

    public int Cols { get; }

    public int Units => (Rows + Unit - 1) / Unit;

    public int PaddedRows => Units * Unit;

    /// <summary>The packed weights, starting on a 64-byte boundary.</summary>
    public Span<float> Data => _data.Span;

    /// <summary>The first packed weight (64-byte aligned): where the vector kernels start.</summary>
    public ref float Start => ref _data.Start;

    /// <summary>Packs rows of a row-major matrix, taking row <c>rowOrder[i]</c> of the source as packed row i.</summary>
    public static PackedFloatMatrix Pack(ReadOnlySpan<float> rowMajor, int rows, int cols, ReadOnlySpan<int> rowOrder = default)
    {
        var packed = new PackedFloatMatrix(rows, cols);
        var data = packed.Data;
        for (int r = 0; r < rows; r++)
        {
            int source = rowOrder.IsEmpty ? r : rowOrder[r];
            int unitBase = (r / Unit) * cols * Unit;
            int lane = r % Unit;
            for (int c = 0; c < cols; c++)
            {
                data[unitBase + (c * Unit) + lane] = rowMajor[(source * cols) + c];
            }
        }

        return packed;
    }

    public static PackedFloatMatrix Pack(WeightMatrix matrix, ReadOnlySpan<int> rowOrder = default) =>
        Pack(matrix.IsQuantized ? matrix.ToFloatArray() : matrix.Values, matrix.Rows, matrix.Cols, rowOrder);

    public static int PadRows(int rows) => (rows + Unit - 1) / Unit * Unit;
}
