using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The int8 kernel for many vectors, each with its own activation scale. With AVX-VNNI four vectors share each weight
/// load; elsewhere it runs <see cref="MultiplyAdd"/> per vector. Integer sums are exact, so results equal single calls.
/// </summary>
internal static partial class Int8Gemv
{
    private const int Tile = 4;

    public static void MultiplyAddMany(PackedInt8Matrix w, ReadOnlySpan<sbyte> qs, int qStride, ReadOnlySpan<float> scales, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride, int count)
    {
        int rows = w.PaddedRows;
        if (count < 0 || (count > 0 && (qs.Length < ((count - 1) * qStride) + w.PaddedCols || scales.Length < count || init.Length < ((count - 1) * initStride) + rows || ys.Length < ((count - 1) * yStride) + rows)))
        {
            ThrowHelper.ThrowKernelShape(w.PaddedCols, rows, qs.Length, Math.Min(init.Length, ys.Length));
        }

        int s = 0;
        if (w.Layout == Int8Layout.DotProduct4 && AvxVnni.IsSupported)
        {
            for (; s + Tile <= count; s += Tile)
            {
                for (int u = 0; u < w.Units; u++)
                {
                    DotProduct4Tile(w, qs[(s * qStride)..], qStride, u, scales.Slice(s, Tile), init[(s * initStride)..], initStride, ys[(s * yStride)..], yStride);
                }
            }
        }

        for (; s < count; s++)
        {
            MultiplyAdd(w, qs.Slice(s * qStride, w.PaddedCols), scales[s], init.Slice(s * initStride, rows), ys.Slice(s * yStride, rows));
        }
    }

    /// <summary>One unit (16 rows) against four vectors, finished in registers: y_k = init_k + (acc_k − correction) · rowScale · s_k.</summary>
    private static void DotProduct4Tile(PackedInt8Matrix w, ReadOnlySpan<sbyte> qs, int qStride, int u, ReadOnlySpan<float> scales, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride)
    {
        int groups = w.PaddedCols / 4;
        ref sbyte wRef = ref Unsafe.Add(ref w.Start, u * w.PaddedCols * Unit);
        ref sbyte q0 = ref MemoryMarshal.GetReference(qs);
        ref uint x0 = ref Unsafe.As<sbyte, uint>(ref q0);
        ref uint x1 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, qStride));
        ref uint x2 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, 2 * qStride));
        ref uint x3 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, 3 * qStride));
        var a00 = Vector256<int>.Zero;
        var a01 = Vector256<int>.Zero;
        var a10 = Vector256<int>.Zero;
        var a11 = Vector256<int>.Zero;
        var a20 = Vector256<int>.Zero;
        var a21 = Vector256<int>.Zero;
        var a30 = Vector256<int>.Zero;
        var a31 = Vector256<int>.Zero;
        for (int g = 0; g < groups; g++)
        {
            nuint o = (nuint)(g * Unit * 4);
            var w0 = Vector256.LoadUnsafe(ref wRef, o);
            var w1 = Vector256.LoadUnsafe(ref wRef, o + 32);
            var b0 = Vector256.Create(Unsafe.Add(ref x0, g) ^ 0x80808080u).AsByte();
            var b1 = Vector256.Create(Unsafe.Add(ref x1, g) ^ 0x80808080u).AsByte();
            var b2 = Vector256.Create(Unsafe.Add(ref x2, g) ^ 0x80808080u).AsByte();
            var b3 = Vector256.Create(Unsafe.Add(ref x3, g) ^ 0x80808080u).AsByte();
            a00 = AvxVnni.MultiplyWideningAndAdd(a00, b0, w0);
            a01 = AvxVnni.MultiplyWideningAndAdd(a01, b0, w1);
            a10 = AvxVnni.MultiplyWideningAndAdd(a10, b1, w0);
            a11 = AvxVnni.MultiplyWideningAndAdd(a11, b1, w1);
            a20 = AvxVnni.MultiplyWideningAndAdd(a20, b2, w0);
            a21 = AvxVnni.MultiplyWideningAndAdd(a21, b2, w1);
            a30 = AvxVnni.MultiplyWideningAndAdd(a30, b3, w0);
            a31 = AvxVnni.MultiplyWideningAndAdd(a31, b3, w1);
        }

        ref int corr = ref MemoryMarshal.GetArrayDataReference(w.Correction);
        nuint r0 = (nuint)(u * Unit);
        var c0 = Vector256.LoadUnsafe(ref corr, r0);
        var c1 = Vector256.LoadUnsafe(ref corr, r0 + 8);
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        var rs0 = Vector256.LoadUnsafe(ref rowScales, r0);
        var rs1 = Vector256.LoadUnsafe(ref rowScales, r0 + 8);
        ref float i0 = ref MemoryMarshal.GetReference(init);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        Finish(a00 - c0, a01 - c1, rs0, rs1, scales[0], ref i0, ref y0, r0);
        Finish(a10 - c0, a11 - c1, rs0, rs1, scales[1], ref Unsafe.Add(ref i0, initStride), ref Unsafe.Add(ref y0, yStride), r0);
        Finish(a20 - c0, a21 - c1, rs0, rs1, scales[2], ref Unsafe.Add(ref i0, 2 * initStride), ref Unsafe.Add(ref y0, 2 * yStride), r0);
        Finish(a30 - c0, a31 - c1, rs0, rs1, scales[3], ref Unsafe.Add(ref i0, 3 * initStride), ref Unsafe.Add(ref y0, 3 * yStride), r0);
    }

    /// <summary>The epilogue's maths in the epilogue's order, so results stay bit-identical to single calls.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<int> low, Vector256<int> high, Vector256<float> rowScaleLow, Vector256<float> rowScaleHigh, float scale, ref float init, ref float y, nuint row)
    {
        var s = Vector256.Create(scale);
        (Vector256.LoadUnsafe(ref init, row) + (Vector256.ConvertToSingle(low) * (rowScaleLow * s))).StoreUnsafe(ref y, row);
        (Vector256.LoadUnsafe(ref init, row + 8) + (Vector256.ConvertToSingle(high) * (rowScaleHigh * s))).StoreUnsafe(ref y, row + 8);
    }
}
