using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The ARM64 int8 paths with SDOT (<see cref="Dp"/>, ARMv8.2: a Pi 5's Cortex-A76) for <see cref="Int8Layout.DotProduct4"/>:
/// one signed 4-way dot product per int32 lane, 4 rows × 4 columns per instruction, no offset and no correction. The
/// paths for cores without it are in Int8Gemv.NeonWidening.cs. Integer sums are exact in any order, so results are
/// bit-identical to <see cref="Scalar"/>.
/// </summary>
internal static partial class Int8Gemv
{
    /// <summary>
    /// Four units (64 rows) at a time, then one at a time. Per unit and group of 4 columns the 64 weight bytes come in one
    /// LD1 of four registers; one 16-byte load of q serves four groups, each picked by SDOT by element.
    /// </summary>
    private static unsafe void DotProductNeon(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        int groups = w.PaddedCols >> 2;
        int quads = groups >> 2;
        int rest = groups & 3;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        sbyte* wu = (sbyte*)Unsafe.AsPointer(ref w.Start); // pinned (AlignedArray)
        float* rowScales = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(w.RowScales)); // pinned too
        ref sbyte qRef = ref MemoryMarshal.GetReference(q);
        var s = Vector128.Create(scale);
        int units = w.Units;
        fixed (float* i0 = init)
        fixed (float* y1 = y)
        {
            float* init0 = i0;
            float* y0 = y1;
            int u = 0;
            for (; u + 4 <= units; u += 4)
            {
                sbyte* p0 = wu;
                sbyte* p1 = wu + stride;
                sbyte* p2 = p1 + stride;
                sbyte* p3 = p2 + stride;
                var a0 = Vector128<int>.Zero;
                var a1 = Vector128<int>.Zero;
                var a2 = Vector128<int>.Zero;
                var a3 = Vector128<int>.Zero;
                var b0 = Vector128<int>.Zero;
                var b1 = Vector128<int>.Zero;
                var b2 = Vector128<int>.Zero;
                var b3 = Vector128<int>.Zero;
                var c0 = Vector128<int>.Zero;
                var c1 = Vector128<int>.Zero;
                var c2 = Vector128<int>.Zero;
                var c3 = Vector128<int>.Zero;
                var d0 = Vector128<int>.Zero;
                var d1 = Vector128<int>.Zero;
                var d2 = Vector128<int>.Zero;
                var d3 = Vector128<int>.Zero;
                ref sbyte x = ref qRef;
                for (int k = 0; k < quads; k++)
                {
                    var xs = Vector128.LoadUnsafe(ref x);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0, xs, 0);
                    (b0, b1, b2, b3) = Group(b0, b1, b2, b3, p1, xs, 0);
                    (c0, c1, c2, c3) = Group(c0, c1, c2, c3, p2, xs, 0);
                    (d0, d1, d2, d3) = Group(d0, d1, d2, d3, p3, xs, 0);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 64, xs, 1);
                    (b0, b1, b2, b3) = Group(b0, b1, b2, b3, p1 + 64, xs, 1);
                    (c0, c1, c2, c3) = Group(c0, c1, c2, c3, p2 + 64, xs, 1);
                    (d0, d1, d2, d3) = Group(d0, d1, d2, d3, p3 + 64, xs, 1);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 128, xs, 2);
                    (b0, b1, b2, b3) = Group(b0, b1, b2, b3, p1 + 128, xs, 2);
                    (c0, c1, c2, c3) = Group(c0, c1, c2, c3, p2 + 128, xs, 2);
                    (d0, d1, d2, d3) = Group(d0, d1, d2, d3, p3 + 128, xs, 2);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 192, xs, 3);
                    (b0, b1, b2, b3) = Group(b0, b1, b2, b3, p1 + 192, xs, 3);
                    (c0, c1, c2, c3) = Group(c0, c1, c2, c3, p2 + 192, xs, 3);
                    (d0, d1, d2, d3) = Group(d0, d1, d2, d3, p3 + 192, xs, 3);
                    p0 += 256;
                    p1 += 256;
                    p2 += 256;
                    p3 += 256;
                    x = ref Unsafe.Add(ref x, 16);
                }

                for (int k = 0; k < rest; k++)
                {
                    var xs = Quadruplet(ref x);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0, xs, 0);
                    (b0, b1, b2, b3) = Group(b0, b1, b2, b3, p1, xs, 0);
                    (c0, c1, c2, c3) = Group(c0, c1, c2, c3, p2, xs, 0);
                    (d0, d1, d2, d3) = Group(d0, d1, d2, d3, p3, xs, 0);
                    p0 += 64;
                    p1 += 64;
                    p2 += 64;
                    p3 += 64;
                    x = ref Unsafe.Add(ref x, 4);
                }

                Finish(a0, a1, a2, a3, rowScales, s, init0, y0);
                Finish(b0, b1, b2, b3, rowScales + Unit, s, init0 + Unit, y0 + Unit);
                Finish(c0, c1, c2, c3, rowScales + (2 * Unit), s, init0 + (2 * Unit), y0 + (2 * Unit));
                Finish(d0, d1, d2, d3, rowScales + (3 * Unit), s, init0 + (3 * Unit), y0 + (3 * Unit));
                wu += 4 * stride;
                rowScales += 4 * Unit;
                init0 += 4 * Unit;
                y0 += 4 * Unit;
            }

            for (; u < units; u++)
            {
                sbyte* p0 = wu;
                var a0 = Vector128<int>.Zero;
                var a1 = Vector128<int>.Zero;
                var a2 = Vector128<int>.Zero;
                var a3 = Vector128<int>.Zero;
                ref sbyte x = ref qRef;
                for (int k = 0; k < quads; k++)
                {
                    var xs = Vector128.LoadUnsafe(ref x);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0, xs, 0);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 64, xs, 1);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 128, xs, 2);
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0 + 192, xs, 3);
                    p0 += 256;
                    x = ref Unsafe.Add(ref x, 16);
                }

                for (int k = 0; k < rest; k++)
                {
                    (a0, a1, a2, a3) = Group(a0, a1, a2, a3, p0, Quadruplet(ref x), 0);
                    p0 += 64;
                    x = ref Unsafe.Add(ref x, 4);
                }

                Finish(a0, a1, a2, a3, rowScales, s, init0, y0);
                wu += stride;
                rowScales += Unit;
                init0 += Unit;
                y0 += Unit;
            }
        }
    }

    /// <summary>Four activations (one group) in the low lane, read as one float so that the JIT loads them straight into a vector register.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<sbyte> Quadruplet(ref sbyte x) => Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<float>(ref Unsafe.As<sbyte, byte>(ref x))).AsSByte();

    /// <summary>One group of 4 columns for one unit (16 rows, 64 bytes at p, one LD1 of four registers): acc_k += W_k · x's quadruplet <paramref name="lane"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe (Vector128<int>, Vector128<int>, Vector128<int>, Vector128<int>) Group(Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3, sbyte* p, Vector128<sbyte> x, [ConstantExpected(Max = 3)] byte lane)
    {
        var (w0, w1, w2, w3) = AdvSimd.Arm64.Load4xVector128(p);
        return (Dp.DotProductBySelectedQuadruplet(a0, w0, x, lane), Dp.DotProductBySelectedQuadruplet(a1, w1, x, lane),
            Dp.DotProductBySelectedQuadruplet(a2, w2, x, lane), Dp.DotProductBySelectedQuadruplet(a3, w3, x, lane));
    }

    /// <summary>Rows [0, 16) from the given addresses: y = init + (float)acc · (rowScale · s), the scalar epilogue's maths and order; one ST1 of four registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Finish(Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3, float* rowScales, Vector128<float> s, float* init, float* y)
    {
        AdvSimd.Arm64.Store(y, (
            Vector128.Load(init) + (Vector128.ConvertToSingle(a0) * (Vector128.Load(rowScales) * s)),
            Vector128.Load(init + 4) + (Vector128.ConvertToSingle(a1) * (Vector128.Load(rowScales + 4) * s)),
            Vector128.Load(init + 8) + (Vector128.ConvertToSingle(a2) * (Vector128.Load(rowScales + 8) * s)),
            Vector128.Load(init + 12) + (Vector128.ConvertToSingle(a3) * (Vector128.Load(rowScales + 12) * s))));
    }

    /// <summary>Every unit against four vectors (their activations groups apart), each weight load shared by four SDOTs.</summary>
    private static void DotProductNeonTile(PackedInt8Matrix w, ref sbyte q0, int qStride, ref float scales, ref float i0, int initStride, ref float y0, int yStride)
    {
        int groups = w.PaddedCols / 4;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        ref sbyte wu = ref w.Start;
        ref uint x0 = ref Unsafe.As<sbyte, uint>(ref q0);
        ref uint x1 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, qStride));
        ref uint x2 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, 2 * qStride));
        ref uint x3 = ref Unsafe.As<sbyte, uint>(ref Unsafe.Add(ref q0, 3 * qStride));
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        for (int u = 0; u < w.Units; u++)
        {
            var a00 = Vector128<int>.Zero;
            var a01 = Vector128<int>.Zero;
            var a02 = Vector128<int>.Zero;
            var a03 = Vector128<int>.Zero;
            var a10 = Vector128<int>.Zero;
            var a11 = Vector128<int>.Zero;
            var a12 = Vector128<int>.Zero;
            var a13 = Vector128<int>.Zero;
            var a20 = Vector128<int>.Zero;
            var a21 = Vector128<int>.Zero;
            var a22 = Vector128<int>.Zero;
            var a23 = Vector128<int>.Zero;
            var a30 = Vector128<int>.Zero;
            var a31 = Vector128<int>.Zero;
            var a32 = Vector128<int>.Zero;
            var a33 = Vector128<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                nuint o = (nuint)(g * Unit * 4);
                var w0 = Vector128.LoadUnsafe(ref wu, o);
                var w1 = Vector128.LoadUnsafe(ref wu, o + 16);
                var w2 = Vector128.LoadUnsafe(ref wu, o + 32);
                var w3 = Vector128.LoadUnsafe(ref wu, o + 48);
                var b = Vector128.Create(Unsafe.Add(ref x0, g)).AsSByte();
                a00 = Dp.DotProduct(a00, w0, b);
                a01 = Dp.DotProduct(a01, w1, b);
                a02 = Dp.DotProduct(a02, w2, b);
                a03 = Dp.DotProduct(a03, w3, b);
                b = Vector128.Create(Unsafe.Add(ref x1, g)).AsSByte();
                a10 = Dp.DotProduct(a10, w0, b);
                a11 = Dp.DotProduct(a11, w1, b);
                a12 = Dp.DotProduct(a12, w2, b);
                a13 = Dp.DotProduct(a13, w3, b);
                b = Vector128.Create(Unsafe.Add(ref x2, g)).AsSByte();
                a20 = Dp.DotProduct(a20, w0, b);
                a21 = Dp.DotProduct(a21, w1, b);
                a22 = Dp.DotProduct(a22, w2, b);
                a23 = Dp.DotProduct(a23, w3, b);
                b = Vector128.Create(Unsafe.Add(ref x3, g)).AsSByte();
                a30 = Dp.DotProduct(a30, w0, b);
                a31 = Dp.DotProduct(a31, w1, b);
                a32 = Dp.DotProduct(a32, w2, b);
                a33 = Dp.DotProduct(a33, w3, b);
            }

            nuint r = (nuint)(u * Unit);
            Finish(a00, a01, a02, a03, ref rowScales, Vector128.Create(scales), ref i0, ref y0, r);
            Finish(a10, a11, a12, a13, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 1)), ref Unsafe.Add(ref i0, initStride), ref Unsafe.Add(ref y0, yStride), r);
            Finish(a20, a21, a22, a23, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 2)), ref Unsafe.Add(ref i0, 2 * initStride), ref Unsafe.Add(ref y0, 2 * yStride), r);
            Finish(a30, a31, a32, a33, ref rowScales, Vector128.Create(Unsafe.Add(ref scales, 3)), ref Unsafe.Add(ref i0, 3 * initStride), ref Unsafe.Add(ref y0, 3 * yStride), r);
            wu = ref Unsafe.Add(ref wu, stride);
        }
    }

    /// <summary>Rows [row, row + 16): y = init + (float)acc · (rowScale · s), the scalar epilogue's maths and order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector128<int> a0, Vector128<int> a1, Vector128<int> a2, Vector128<int> a3, ref float rowScales, Vector128<float> s, ref float init, ref float y, nuint row)
    {
        (Vector128.LoadUnsafe(ref init, row) + (Vector128.ConvertToSingle(a0) * (Vector128.LoadUnsafe(ref rowScales, row) * s))).StoreUnsafe(ref y, row);
        (Vector128.LoadUnsafe(ref init, row + 4) + (Vector128.ConvertToSingle(a1) * (Vector128.LoadUnsafe(ref rowScales, row + 4) * s))).StoreUnsafe(ref y, row + 4);
        (Vector128.LoadUnsafe(ref init, row + 8) + (Vector128.ConvertToSingle(a2) * (Vector128.LoadUnsafe(ref rowScales, row + 8) * s))).StoreUnsafe(ref y, row + 8);
        (Vector128.LoadUnsafe(ref init, row + 12) + (Vector128.ConvertToSingle(a3) * (Vector128.LoadUnsafe(ref rowScales, row + 12) * s))).StoreUnsafe(ref y, row + 12);
    }
}
