using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>How <see cref="PackedInt8Matrix"/> orders its bytes; each layout has its own kernel in <see cref="Int8Gemv"/>.</summary>
internal enum Int8Layout
{
    /// <summary><c>[unit][col][16 rows]</c>, columns padded to even: widened to int16 (portable Vector256/Vector128 where no kernel below applies, NEON, scalar).</summary>
    Widening,

    /// <summary><c>[unit][col/4][16 rows][4 cols]</c>, columns padded to 4: one 4-way dot per int32 lane (x86 AVX-VNNI u8×s8, ARM SDOT s8×s8), or two 2-way dots (AVX2 VPMADDWD s16×s16, NEON SMULL + SADALP s8×s8).</summary>
    DotProduct4,
}

/// <summary>
/// An int8 matrix with one float scale per row, packed for <see cref="Int8Gemv"/>. Rows are padded to 16 (scale 0) and
/// columns to the layout's multiple (weight 0), so kernels have no tails.
/// </summary>
internal sealed class PackedInt8Matrix
{
    public const int Unit = 16;

    private readonly AlignedArray<sbyte> _data;

    private PackedInt8Matrix(int rows, int cols, Int8Layout layout)
    {
        Rows = rows;
        Cols = cols;
        Layout = layout;
        PaddedCols = layout == Int8Layout.DotProduct4 ? (cols + 3) & ~3 : (cols + 1) & ~1;
        _data = new AlignedArray<sbyte>(PaddedRows * PaddedCols);
        RowScales = GC.AllocateArray<float>(PaddedRows, pinned: true);
        Correction = new int[PaddedRows];
    }

    public int Rows { get; }

    public int Cols { get; }

    public int PaddedCols { get; }

    public int Units => (int)((uint)(Rows + Unit - 1) / Unit);

    public int PaddedRows => Units * Unit;

    public Int8Layout Layout { get; }

    /// <summary>The packed weights, starting on a 64-byte boundary.</summary>
    public Span<sbyte> Data => _data.Span;

    /// <summary>The first packed weight (64-byte aligned): where the vector kernels start.</summary>
    public ref sbyte Start => ref _data.Start;

    /// <summary>One scale per padded row, on the pinned object heap (the SDOT kernel reads them through a pointer).</summary>
    public float[] RowScales { get; }

    /// <summary>128 · Σ_c q[r, c]: what the +128 offset of the u8 operand adds to row r in the dot-product layout (AVX-VNNI;
    /// SDOT multiplies signed by signed and needs none).</summary>
    public int[] Correction { get; }

    /// <summary>The layout this machine runs fastest: the dot-product layout wherever a kernel takes four columns at once (AVX-VNNI, SDOT, AVX2's VPMADDWD, NEON's SADALP).</summary>
    public static Int8Layout PreferredLayout => AvxVnni.IsSupported || Dp.IsSupported || Avx2.IsSupported || AdvSimd.IsSupported ? Int8Layout.DotProduct4 : Int8Layout.Widening;

    public static PackedInt8Matrix Pack(ReadOnlySpan<sbyte> rowMajor, ReadOnlySpan<float> rowScales, int rows, int cols, Int8Layout layout, ReadOnlySpan<int> rowOrder = default)
    {
        var packed = new PackedInt8Matrix(rows, cols, layout);
        int pc = packed.PaddedCols;
        var data = packed.Data;
        for (int r = 0; r < rows; r++)
        {
            int source = rowOrder.IsEmpty ? r : rowOrder[r];
            int unitBase = (r / Unit) * pc * Unit;
            int lane = r % Unit;
            int sum = 0;
            for (int c = 0; c < cols; c++)
            {
                sbyte q = rowMajor[(source * cols) + c];
                sum += q;
                int index = layout == Int8Layout.DotProduct4
                    ? unitBase + ((c >> 2) * Unit * 4) + (lane * 4) + (c & 3)
                    : unitBase + (c * Unit) + lane;
                data[index] = q;
            }

            packed.RowScales[r] = rowScales[source];
            packed.Correction[r] = 128 * sum;
        }

        return packed;
    }
}
