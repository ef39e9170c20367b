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
    private static void DotProductNeon(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        int groups = w.PaddedCols / 4;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        ref sbyte wRef = ref w.Start;
        ref uint qRef = ref Unsafe.As<sbyte, uint>(ref MemoryMarshal.GetReference(q));
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var s = Vector128.Create(scale);
        int units = w.Units;
        int u = 0;
        for (; u + 2 <= units; u += 2)
        {
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            ref sbyte w1 = ref Unsafe.Add(ref w0, stride);
            var a0 = Vector128<int>.Zero;
            var a1 = Vector128<int>.Zero;
            var a2 = Vector128<int>.Zero;
            var a3 = Vector128<int>.Zero;
            var a4 = Vector128<int>.Zero;
            var a5 = Vector128<int>.Zero;
            var a6 = Vector128<int>.Zero;
            var a7 = Vector128<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                var x = Vector128.Create(Unsafe.Add(ref qRef, g)).AsSByte();
                nuint o = (nuint)(g * Unit * 4);
                a0 = Dp.DotProduct(a0, Vector128.LoadUnsafe(ref w0, o), x);
                a1 = Dp.DotProduct(a1, Vector128.LoadUnsafe(ref w0, o + 16), x);
                a2 = Dp.DotProduct(a2, Vector128.LoadUnsafe(ref w0, o + 32), x);
                a3 = Dp.DotProduct(a3, Vector128.LoadUnsafe(ref w0, o + 48), x);
                a4 = Dp.DotProduct(a4, Vector128.LoadUnsafe(ref w1, o), x);
                a5 = Dp.DotProduct(a5, Vector128.LoadUnsafe(ref w1, o + 16), x);
                a6 = Dp.DotProduct(a6, Vector128.LoadUnsafe(ref w1, o + 32), x);
                a7 = Dp.DotProduct(a7, Vector128.LoadUnsafe(ref w1, o + 48), x);
            }

            nuint r = (nuint)(u * Unit);
            Finish(a0, a1, a2, a3, ref rowScales, s, ref iRef, ref yRef, r);
            Finish(a4, a5, a6, a7, ref rowScales, s, ref iRef, ref yRef, r + Unit);
        }

        for (; u < units; u++)
        {
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            var a0 = Vector128<int>.Zero;
            var a1 = Vector128<int>.Zero;
            var a2 = Vector128<int>.Zero;
            var a3 = Vector128<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                var x = Vector128.Create(Unsafe.Add(ref qRef, g)).AsSByte();
                nuint o = (nuint)(g * Unit * 4);
                a0 = Dp.DotProduct(a0, Vector128.LoadUnsafe(ref w0, o), x);
                a1 = Dp.DotProduct(a1, Vector128.LoadUnsafe(ref w0, o + 16), x);
                a2 = Dp.DotProduct(a2, Vector128.LoadUnsafe(ref w0, o + 32), x);
                a3 = Dp.DotProduct(a3, Vector128.LoadUnsafe(ref w0, o + 48), x);
            }

            Finish(a0, a1, a2, a3, ref rowScales, s, ref iRef, ref yRef, (nuint)(u * Unit));
        }
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
