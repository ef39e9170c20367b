using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The int8 kernel for many vectors, each with its own activation scale. With AVX-VNNI or SDOT four vectors share each weight
/// load, and on NEON without SDOT (the A72) too; elsewhere it runs <see cref="MultiplyAdd"/> per vector. Integer sums are exact, so results equal single calls.
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
            int groups = w.PaddedCols / 4;
            Span<uint> flipped = stackalloc uint[Tile * groups];
            ref sbyte q0 = ref MemoryMarshal.GetReference(qs);
            ref float scale0 = ref MemoryMarshal.GetReference(scales);
            ref float i0 = ref MemoryMarshal.GetReference(init);
            ref float y0 = ref MemoryMarshal.GetReference(ys);
            for (; s + Tile <= count; s += Tile)
            {
                for (int k = 0; k < Tile; k++)
                {
                    FlipSigns(ref Unsafe.Add(ref q0, (s + k) * qStride), flipped.Slice(k * groups, groups));
                }

                DotProduct4Tile(w, flipped, ref Unsafe.Add(ref scale0, s), ref Unsafe.Add(ref i0, s * initStride), initStride, ref Unsafe.Add(ref y0, s * yStride), yStride);
            }
        }
        else if (w.Layout == Int8Layout.DotProduct4 && Dp.IsSupported)
        {
            ref sbyte q0 = ref MemoryMarshal.GetReference(qs);
            ref float scale0 = ref MemoryMarshal.GetReference(scales);
            ref float i0 = ref MemoryMarshal.GetReference(init);
            ref float y0 = ref MemoryMarshal.GetReference(ys);
            for (; s + Tile <= count; s += Tile)
            {
                DotProductNeonTile(w, ref Unsafe.Add(ref q0, s * qStride), qStride, ref Unsafe.Add(ref scale0, s), ref Unsafe.Add(ref i0, s * initStride), initStride, ref Unsafe.Add(ref y0, s * yStride), yStride);
            }
        }
        else if (w.Layout == Int8Layout.DotProduct4 && AdvSimd.Arm64.IsSupported)
        {
            ref sbyte q0 = ref MemoryMarshal.GetReference(qs);
            ref float scale0 = ref MemoryMarshal.GetReference(scales);
            ref float i0 = ref MemoryMarshal.GetReference(init);
            ref float y0 = ref MemoryMarshal.GetReference(ys);
            for (; s + Tile <= count; s += Tile)
            {
                PairwiseNeonTile(w, ref Unsafe.Add(ref q0, s * qStride), qStride, ref Unsafe.Add(ref scale0, s), ref Unsafe.Add(ref i0, s * initStride), initStride, ref Unsafe.Add(ref y0, s * yStride), yStride);
            }
        }

        for (; s < count; s++)
        {
            MultiplyAdd(w, qs.Slice(s * qStride, w.PaddedCols), scales[s], init.Slice(s * initStride, rows), ys.Slice(s * yStride, rows));
        }
    }

    /// <summary>Every unit (16 rows) against four vectors (their activations sign-flipped, groups apart), each finished in registers: y_k = init_k + (acc_k − correction) · rowScale · s_k.</summary>
    private static void DotProduct4Tile(PackedInt8Matrix w, ReadOnlySpan<uint> flipped, ref float scales, ref float i0, int initStride, ref float y0, int yStride)
    {
        int groups = w.PaddedCols / 4;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        ref sbyte wu = ref w.Start;
        ref uint x0 = ref MemoryMarshal.GetReference(flipped);
        ref uint x1 = ref Unsafe.Add(ref x0, groups);
        ref uint x2 = ref Unsafe.Add(ref x1, groups);
        ref uint x3 = ref Unsafe.Add(ref x2, groups);
        ref float i1 = ref Unsafe.Add(ref i0, initStride);
        ref float i2 = ref Unsafe.Add(ref i1, initStride);
        ref float i3 = ref Unsafe.Add(ref i2, initStride);
        ref float y1 = ref Unsafe.Add(ref y0, yStride);
        ref float y2 = ref Unsafe.Add(ref y1, yStride);
        ref float y3 = ref Unsafe.Add(ref y2, yStride);
        ref int corr = ref MemoryMarshal.GetArrayDataReference(w.Correction);
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        var s0 = Vector256.Create(scales);
        var s1 = Vector256.Create(Unsafe.Add(ref scales, 1));
        var s2 = Vector256.Create(Unsafe.Add(ref scales, 2));
        var s3 = Vector256.Create(Unsafe.Add(ref scales, 3));
        int u = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // 32 vector registers: two units at a time, 16 accumulators, each broadcast serving four loads' worth of rows.
            for (; u + 2 <= w.Units; u += 2)
            {
                ref sbyte wv = ref Unsafe.Add(ref wu, stride);
                var a00 = Vector256<int>.Zero;
                var a01 = Vector256<int>.Zero;
                var a02 = Vector256<int>.Zero;
                var a03 = Vector256<int>.Zero;
                var a10 = Vector256<int>.Zero;
                var a11 = Vector256<int>.Zero;
                var a12 = Vector256<int>.Zero;
                var a13 = Vector256<int>.Zero;
                var a20 = Vector256<int>.Zero;
                var a21 = Vector256<int>.Zero;
                var a22 = Vector256<int>.Zero;
                var a23 = Vector256<int>.Zero;
                var a30 = Vector256<int>.Zero;
                var a31 = Vector256<int>.Zero;
                var a32 = Vector256<int>.Zero;
                var a33 = Vector256<int>.Zero;
                for (int g = 0; g < groups; g++)
                {
                    nuint o = (nuint)(g * Unit * 4);
                    var w0 = Vector256.LoadUnsafe(ref wu, o);
                    var w1 = Vector256.LoadUnsafe(ref wu, o + 32);
                    var w2 = Vector256.LoadUnsafe(ref wv, o);
                    var w3 = Vector256.LoadUnsafe(ref wv, o + 32);
                    var b = Vector256.Create(Unsafe.Add(ref x0, g)).AsByte();
                    a00 = AvxVnni.MultiplyWideningAndAdd(a00, b, w0);
                    a01 = AvxVnni.MultiplyWideningAndAdd(a01, b, w1);
                    a02 = AvxVnni.MultiplyWideningAndAdd(a02, b, w2);
                    a03 = AvxVnni.MultiplyWideningAndAdd(a03, b, w3);
                    b = Vector256.Create(Unsafe.Add(ref x1, g)).AsByte();
                    a10 = AvxVnni.MultiplyWideningAndAdd(a10, b, w0);
                    a11 = AvxVnni.MultiplyWideningAndAdd(a11, b, w1);
                    a12 = AvxVnni.MultiplyWideningAndAdd(a12, b, w2);
                    a13 = AvxVnni.MultiplyWideningAndAdd(a13, b, w3);
                    b = Vector256.Create(Unsafe.Add(ref x2, g)).AsByte();
                    a20 = AvxVnni.MultiplyWideningAndAdd(a20, b, w0);
                    a21 = AvxVnni.MultiplyWideningAndAdd(a21, b, w1);
                    a22 = AvxVnni.MultiplyWideningAndAdd(a22, b, w2);
                    a23 = AvxVnni.MultiplyWideningAndAdd(a23, b, w3);
                    b = Vector256.Create(Unsafe.Add(ref x3, g)).AsByte();
                    a30 = AvxVnni.MultiplyWideningAndAdd(a30, b, w0);
                    a31 = AvxVnni.MultiplyWideningAndAdd(a31, b, w1);
                    a32 = AvxVnni.MultiplyWideningAndAdd(a32, b, w2);
                    a33 = AvxVnni.MultiplyWideningAndAdd(a33, b, w3);
                }

                nuint r = (nuint)(u * Unit);
                Finish(a00, a01, ref corr, ref rowScales, s0, ref i0, ref y0, r);
                Finish(a02, a03, ref corr, ref rowScales, s0, ref i0, ref y0, r + Unit);
                Finish(a10, a11, ref corr, ref rowScales, s1, ref i1, ref y1, r);
                Finish(a12, a13, ref corr, ref rowScales, s1, ref i1, ref y1, r + Unit);
                Finish(a20, a21, ref corr, ref rowScales, s2, ref i2, ref y2, r);
                Finish(a22, a23, ref corr, ref rowScales, s2, ref i2, ref y2, r + Unit);
                Finish(a30, a31, ref corr, ref rowScales, s3, ref i3, ref y3, r);
                Finish(a32, a33, ref corr, ref rowScales, s3, ref i3, ref y3, r + Unit);
                wu = ref Unsafe.Add(ref wv, stride);
            }
        }

        for (; u < w.Units; u++)
        {
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
                var w0 = Vector256.LoadUnsafe(ref wu, o);
                var w1 = Vector256.LoadUnsafe(ref wu, o + 32);
                var b0 = Vector256.Create(Unsafe.Add(ref x0, g)).AsByte();
                var b1 = Vector256.Create(Unsafe.Add(ref x1, g)).AsByte();
                var b2 = Vector256.Create(Unsafe.Add(ref x2, g)).AsByte();
                var b3 = Vector256.Create(Unsafe.Add(ref x3, g)).AsByte();
                a00 = AvxVnni.MultiplyWideningAndAdd(a00, b0, w0);
                a01 = AvxVnni.MultiplyWideningAndAdd(a01, b0, w1);
                a10 = AvxVnni.MultiplyWideningAndAdd(a10, b1, w0);
                a11 = AvxVnni.MultiplyWideningAndAdd(a11, b1, w1);
                a20 = AvxVnni.MultiplyWideningAndAdd(a20, b2, w0);
                a21 = AvxVnni.MultiplyWideningAndAdd(a21, b2, w1);
                a30 = AvxVnni.MultiplyWideningAndAdd(a30, b3, w0);
                a31 = AvxVnni.MultiplyWideningAndAdd(a31, b3, w1);
            }

            nuint r = (nuint)(u * Unit);
            Finish(a00, a01, ref corr, ref rowScales, s0, ref i0, ref y0, r);
            Finish(a10, a11, ref corr, ref rowScales, s1, ref i1, ref y1, r);
            Finish(a20, a21, ref corr, ref rowScales, s2, ref i2, ref y2, r);
            Finish(a30, a31, ref corr, ref rowScales, s3, ref i3, ref y3, r);
            wu = ref Unsafe.Add(ref wu, stride);
        }
    }
}
