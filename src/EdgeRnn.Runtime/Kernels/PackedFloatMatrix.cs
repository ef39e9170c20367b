using System.Runtime.CompilerServices;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// A float32 matrix packed for <see cref="FloatGemv"/>: rows padded to a multiple of <see cref="Unit"/>. Units are grouped
/// in blocks of <see cref="BlockUnits"/> stored column-major with the block's 64 rows side by side
/// (<c>[block][col][64 rows]</c>); the units after the last whole block are stored one by one (<c>[unit][col][16 rows]</c>).
/// A kernel that keeps a block's rows in accumulators while it walks the columns then reads one sequential stream.
/// </summary>
internal sealed class PackedFloatMatrix
{
    /// <summary>Rows per unit: one Vector512, two Vector256 or four Vector128.</summary>
    public const int Unit = 16;

    /// <summary>Units stored interleaved, column by column.</summary>
    public const int BlockUnits = 4;

    private readonly AlignedArray<float> _data;

    private PackedFloatMatrix(int rows, int cols)
    {
        Rows = rows;
        Cols = cols;
        Units = (rows + Unit - 1) / Unit;
        BlockedUnits = Units & ~(BlockUnits - 1);
        _data = new AlignedArray<float>(PadRows(rows) * cols);
    }

    public int Rows { get; }

    public int Cols { get; }

    public int Units { get; }

    public int PaddedRows => Units * Unit;

    /// <summary>The units that lie in whole blocks (a multiple of <see cref="BlockUnits"/>).</summary>
    public int BlockedUnits { get; }

    /// <summary>Where unit u's column 0 starts in <see cref="Data"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int UnitOffset(int u) => u < BlockedUnits
        ? ((u / BlockUnits) * Cols * BlockUnits * Unit) + ((u % BlockUnits) * Unit)
        : (u * Cols * Unit);

    /// <summary>The distance between a unit's consecutive columns: 64 inside a block, 16 after it.</summary>
    public int ColumnStride(int u) => u < BlockedUnits ? BlockUnits * Unit : Unit;

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
            int unitBase = packed.UnitOffset(r / Unit) + (r % Unit);
            int columnStride = packed.ColumnStride(r / Unit);
            for (int c = 0; c < cols; c++)
            {
                data[unitBase + (c * columnStride)] = rowMajor[(source * cols) + c];
            }
        }

        return packed;
    }

    public static int PadRows(int rows) => (rows + Unit - 1) / Unit * Unit;
}
