using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The AVX2 path for <see cref="Int8Layout.DotProduct4"/> where there is no AVX-VNNI (Haswell to Zen 3, and AVX-512 VNNI
/// cores without its VEX form): a row's four bytes of a column group are sign-extended to int16 and VPMADDWD multiplies
/// them by the group's four activations and adds neighbouring products into int32 (|a·b + c·d| ≤ 32258: exact, no
/// saturation). Each row then holds two partial sums, added at the end (VPHADDD). Integer sums are exact in any order, so
/// results are bit-identical to <see cref="Scalar"/>. Half the instructions of the widening layout's Vector256 path.
/// </summary>
internal static partial class Int8Gemv
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProduct4Avx2(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        int groups = w.PaddedCols / 4;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        ref sbyte wRef = ref w.Start;
        ref int qRef = ref Unsafe.As<sbyte, int>(ref MemoryMarshal.GetReference(q));
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var s = Vector256.Create(scale);
        int units = w.Units;
        int u = 0;
        for (; u + 2 <= units; u += 2)
        {
            // Two units share each widened activation group: eight accumulators, each four rows × two partial sums.
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            ref sbyte w1 = ref Unsafe.Add(ref w0, stride);
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            var a2 = Vector256<int>.Zero;
            var a3 = Vector256<int>.Zero;
            var a4 = Vector256<int>.Zero;
            var a5 = Vector256<int>.Zero;
            var a6 = Vector256<int>.Zero;
            var a7 = Vector256<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                var x = Group(ref qRef, g);
                nuint o = (nuint)(g * Unit * 4);
                a0 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o), x);
                a1 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 16), x);
                a2 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 32), x);
                a3 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 48), x);
                a4 += Avx2.MultiplyAddAdjacent(Widen(ref w1, o), x);
                a5 += Avx2.MultiplyAddAdjacent(Widen(ref w1, o + 16), x);
                a6 += Avx2.MultiplyAddAdjacent(Widen(ref w1, o + 32), x);
                a7 += Avx2.MultiplyAddAdjacent(Widen(ref w1, o + 48), x);
            }

            nuint r = (nuint)(u * Unit);
            Scale(Pairs(a0, a1), Pairs(a2, a3), ref rowScales, s, ref iRef, ref yRef, r);
            Scale(Pairs(a4, a5), Pairs(a6, a7), ref rowScales, s, ref iRef, ref yRef, r + Unit);
        }

        if (u < units)
        {
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            var a2 = Vector256<int>.Zero;
            var a3 = Vector256<int>.Zero;
            for (int g = 0; g < groups; g++)
            {
                var x = Group(ref qRef, g);
                nuint o = (nuint)(g * Unit * 4);
                a0 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o), x);
                a1 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 16), x);
                a2 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 32), x);
                a3 += Avx2.MultiplyAddAdjacent(Widen(ref w0, o + 48), x);
            }

            Scale(Pairs(a0, a1), Pairs(a2, a3), ref rowScales, s, ref iRef, ref yRef, (nuint)(u * Unit));
        }
    }

    /// <summary>Activations 4g..4g+3 as int16, repeated four times across the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Group(ref int q, int g) => Avx2.ConvertToVector256Int16(Vector128.Create(Unsafe.Add(ref q, g)).AsSByte());

    /// <summary>Four rows × four columns of weights (16 bytes at o) as int16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<short> Widen(ref sbyte w, nuint o) => Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref w, o));

    /// <summary>Rows 0–3 (a) and 4–7 (b), each as two adjacent partial sums, to the eight rows' sums in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<int> Pairs(Vector256<int> a, Vector256<int> b) =>
        Avx2.Permute4x64(Avx2.HorizontalAdd(a, b).AsInt64(), 0b11_01_10_00).AsInt32();

    /// <summary>Rows [row, row + 16): y = init + (float)acc · (rowScale · s), the scalar epilogue's maths and order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Scale(Vector256<int> low, Vector256<int> high, ref float rowScales, Vector256<float> s, ref float init, ref float y, nuint row)
    {
        (Vector256.LoadUnsafe(ref init, row) + (Vector256.ConvertToSingle(low) * (Vector256.LoadUnsafe(ref rowScales, row) * s))).StoreUnsafe(ref y, row);
        (Vector256.LoadUnsafe(ref init, row + 8) + (Vector256.ConvertToSingle(high) * (Vector256.LoadUnsafe(ref rowScales, row + 8) * s))).StoreUnsafe(ref y, row + 8);
    }
}
