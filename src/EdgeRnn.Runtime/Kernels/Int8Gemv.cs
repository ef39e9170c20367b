using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y = init + (Wq·q − correction) · (rowScale · s) for a <see cref="PackedInt8Matrix"/>, with int32 accumulation that is
/// exact (no saturating step anywhere: int8×int8 products are at most 16129, so two of them fit an int16, and the AVX-VNNI
/// path uses the non-saturating VPDPBUSD). Contract: q holds at least <c>PaddedCols</c> values with zero padding;
/// init and y hold at least <c>PaddedRows</c> and may be the same span. Paths: AVX-VNNI, SDOT, NEON without SDOT
/// (SMULL/SMLAL/SADALP) or AVX2 (VPMADDWD) for the dot-product layout, NEON (SMULL/SMLAL/SADDW), Vector256 or Vector128
/// for the widening layout, scalar elsewhere. Every path gives bit-identical results to <see cref="Scalar"/>.
/// </summary>
internal static partial class Int8Gemv
{
    private const int Unit = PackedInt8Matrix.Unit;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        if (q.Length < w.PaddedCols || init.Length < w.PaddedRows || y.Length < w.PaddedRows)
        {
            ThrowHelper.ThrowKernelShape(w.PaddedCols, w.PaddedRows, q.Length, Math.Min(init.Length, y.Length));
        }

        if (w.Layout == Int8Layout.DotProduct4 && AvxVnni.IsSupported)
        {
            DotProduct4(w, q, scale, init, y);
            return;
        }

        if (w.Layout == Int8Layout.DotProduct4 && Dp.IsSupported)
        {
            DotProductNeon(w, q, scale, init, y);
            return;
        }

        if (w.Layout == Int8Layout.DotProduct4 && AdvSimd.IsSupported)
        {
            PairwiseNeon(w, q, scale, init, y);
            return;
        }

        if (w.Layout == Int8Layout.DotProduct4 && Avx2.IsSupported)
        {
            DotProduct4Avx2(w, q, scale, init, y);
            return;
        }

        MultiplyAddBlocks(w, q, scale, init, y);
    }

    /// <summary>
    /// The paths that go through an int32 block of four units and <see cref="Epilogue"/>: the widening layout, and the
    /// dot-product layout where no kernel above takes it. Apart from <see cref="MultiplyAdd"/> so that its stack buffer
    /// (and the frame, saved registers and stack check that come with it) costs nothing on the kernels' paths.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MultiplyAddBlocks(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        Span<int> acc = stackalloc int[4 * Unit];
        for (int u = 0; u < w.Units; u += 4)
        {
            int count = Math.Min(4, w.Units - u);
            if (w.Layout == Int8Layout.DotProduct4)
            {
                ScalarBlock(w, q, u, count, acc);
            }
            else if (AdvSimd.IsSupported)
            {
                WideningNeonBlock(w, q, u, count, acc);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                Widening256Block(w, q, u, count, acc);
            }
            else if (Vector128.IsHardwareAccelerated)
            {
                Widening128Block(w, q, u, count, acc);
            }
            else
            {
                ScalarBlock(w, q, u, count, acc);
            }

            Epilogue(w, acc[..(count * Unit)], scale, u * Unit, init, y);
        }
    }

    /// <summary>The reference: the same maths element by element, whatever the layout.</summary>
    public static void Scalar(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        Span<int> acc = stackalloc int[4 * Unit];
        for (int u = 0; u < w.Units; u += 4)
        {
            int count = Math.Min(4, w.Units - u);
            ScalarBlock(w, q, u, count, acc);
            for (int i = 0; i < count * Unit; i++)
            {
                int row = (u * Unit) + i;
                y[row] = init[row] + (acc[i] * (w.RowScales[row] * scale));
            }
        }
    }

    private static void Epilogue(PackedInt8Matrix w, ReadOnlySpan<int> acc, float scale, int row0, ReadOnlySpan<float> init, Span<float> y)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var s = Vector256.Create(scale);
            ref int accRef = ref MemoryMarshal.GetReference(acc);
            ref float rowScales = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w.RowScales), row0);
            ref float iRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(init), row0);
            ref float yRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), row0);
            for (; i + 8 <= acc.Length; i += 8)
            {
                var a = Vector256.ConvertToSingle(Vector256.LoadUnsafe(ref accRef, (nuint)i));
                var f = Vector256.LoadUnsafe(ref rowScales, (nuint)i) * s;
                (Vector256.LoadUnsafe(ref iRef, (nuint)i) + (a * f)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var s = Vector128.Create(scale);
            ref int accRef = ref MemoryMarshal.GetReference(acc);
            ref float rowScales = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w.RowScales), row0);
            ref float iRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(init), row0);
            ref float yRef = ref Unsafe.Add(ref MemoryMarshal.GetReference(y), row0);
            for (; i + 4 <= acc.Length; i += 4)
            {
                var a = Vector128.ConvertToSingle(Vector128.LoadUnsafe(ref accRef, (nuint)i));
                var f = Vector128.LoadUnsafe(ref rowScales, (nuint)i) * s;
                (Vector128.LoadUnsafe(ref iRef, (nuint)i) + (a * f)).StoreUnsafe(ref yRef, (nuint)i);
            }
        }

        for (; i < acc.Length; i++)
        {
            y[row0 + i] = init[row0 + i] + (acc[i] * (w.RowScales[row0 + i] * scale));
        }
    }

    /// <summary>Signed dot products per row for units [u, u + count): acc[k·16 + lane] = Σ_c W[row, c]·q[c].</summary>
    private static void ScalarBlock(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, int u, int count, Span<int> acc)
    {
        int pc = w.PaddedCols;
        ReadOnlySpan<sbyte> data = w.Data;
        for (int k = 0; k < count; k++)
        {
            int unitBase = (u + k) * pc * Unit;
            for (int lane = 0; lane < Unit; lane++)
            {
                int sum = 0;
                for (int c = 0; c < pc; c++)
                {
                    int index = w.Layout == Int8Layout.DotProduct4
                        ? unitBase + ((c >> 2) * Unit * 4) + (lane * 4) + (c & 3)
                        : unitBase + (c * Unit) + lane;
                    sum += data[index] * q[c];
                }

                acc[(k * Unit) + lane] = sum;
            }
        }
    }
}
