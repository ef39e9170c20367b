using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The AVX-VNNI path for <see cref="Int8Layout.DotProduct4"/>: one VPDPBUSD per 8 rows × 4 columns, the activations
/// offset to unsigned (q + 128 is q with its sign bit flipped) and the offset removed by the per-row correction. Integer
/// sums are exact in any order; each unit is finished in registers with the scalar epilogue's maths.
/// </summary>
internal static partial class Int8Gemv
{
    private const uint SignBits = 0x80808080u;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotProduct4(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        int groups = w.PaddedCols / 4;
        nuint stride = (nuint)(w.PaddedCols * Unit);
        ref sbyte wRef = ref w.Start;
        ref uint qRef = ref Unsafe.As<sbyte, uint>(ref MemoryMarshal.GetReference(q));
        ref int corr = ref MemoryMarshal.GetArrayDataReference(w.Correction);
        ref float rowScales = ref MemoryMarshal.GetArrayDataReference(w.RowScales);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var s = Vector256.Create(scale);
        int units = w.Units;
        int u = 0;
        for (; u + 4 <= units; u += 4)
        {
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            ref sbyte w1 = ref Unsafe.Add(ref w0, stride);
            ref sbyte w2 = ref Unsafe.Add(ref w1, stride);
            ref sbyte w3 = ref Unsafe.Add(ref w2, stride);
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
                var xb = Vector256.Create(Unsafe.Add(ref qRef, g) ^ SignBits).AsByte();
                nuint o = (nuint)(g * Unit * 4);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, xb, Vector256.LoadUnsafe(ref w0, o));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, xb, Vector256.LoadUnsafe(ref w0, o + 32));
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, xb, Vector256.LoadUnsafe(ref w1, o));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, xb, Vector256.LoadUnsafe(ref w1, o + 32));
                a4 = AvxVnni.MultiplyWideningAndAdd(a4, xb, Vector256.LoadUnsafe(ref w2, o));
                a5 = AvxVnni.MultiplyWideningAndAdd(a5, xb, Vector256.LoadUnsafe(ref w2, o + 32));
                a6 = AvxVnni.MultiplyWideningAndAdd(a6, xb, Vector256.LoadUnsafe(ref w3, o));
                a7 = AvxVnni.MultiplyWideningAndAdd(a7, xb, Vector256.LoadUnsafe(ref w3, o + 32));
            }

            nuint r = (nuint)(u * Unit);
            Finish(a0, a1, ref corr, ref rowScales, s, ref iRef, ref yRef, r);
            Finish(a2, a3, ref corr, ref rowScales, s, ref iRef, ref yRef, r + Unit);
            Finish(a4, a5, ref corr, ref rowScales, s, ref iRef, ref yRef, r + (2 * Unit));
            Finish(a6, a7, ref corr, ref rowScales, s, ref iRef, ref yRef, r + (3 * Unit));
        }

        for (; u < units; u++)
        {
            // A lone unit: even and odd column groups in separate accumulators, for four chains instead of two.
            ref sbyte w0 = ref Unsafe.Add(ref wRef, (nuint)u * stride);
            var a0 = Vector256<int>.Zero;
            var a1 = Vector256<int>.Zero;
            var a2 = Vector256<int>.Zero;
            var a3 = Vector256<int>.Zero;
            int g = 0;
            for (; g + 2 <= groups; g += 2)
            {
                var xe = Vector256.Create(Unsafe.Add(ref qRef, g) ^ SignBits).AsByte();
                var xo = Vector256.Create(Unsafe.Add(ref qRef, g + 1) ^ SignBits).AsByte();
                nuint o = (nuint)(g * Unit * 4);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, xe, Vector256.LoadUnsafe(ref w0, o));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, xe, Vector256.LoadUnsafe(ref w0, o + 32));
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, xo, Vector256.LoadUnsafe(ref w0, o + 64));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, xo, Vector256.LoadUnsafe(ref w0, o + 96));
            }

            if (g < groups)
            {
                var xe = Vector256.Create(Unsafe.Add(ref qRef, g) ^ SignBits).AsByte();
                nuint o = (nuint)(g * Unit * 4);
                a0 = AvxVnni.MultiplyWideningAndAdd(a0, xe, Vector256.LoadUnsafe(ref w0, o));
                a1 = AvxVnni.MultiplyWideningAndAdd(a1, xe, Vector256.LoadUnsafe(ref w0, o + 32));
            }

            Finish(a0 + a2, a1 + a3, ref corr, ref rowScales, s, ref iRef, ref yRef, (nuint)(u * Unit));
        }
    }

    /// <summary>
    /// The activations as u8 (q + 128: the sign bit flipped), four to a uint, so that the batched kernel broadcasts each
    /// group of four straight from memory (one load instead of a move, an xor and a broadcast per vector and group).
    /// </summary>
    private static void FlipSigns(ref sbyte q, Span<uint> flipped)
    {
        ref byte source = ref Unsafe.As<sbyte, byte>(ref q);
        ref byte destination = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(flipped));
        int length = flipped.Length * 4;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var signs = Vector256.Create((byte)0x80);
            for (; i + 32 <= length; i += 32)
            {
                (Vector256.LoadUnsafe(ref source, (nuint)i) ^ signs).StoreUnsafe(ref destination, (nuint)i);
            }
        }

        for (; i < length; i += 4)
        {
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref destination, i), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref source, i)) ^ SignBits);
        }
    }

    /// <summary>
    /// Rows [row, row + 16): y = init + (float)(acc − correction) · (rowScale · s), the scalar epilogue's maths and order,
    /// so results stay bit-identical to <see cref="Scalar"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<int> low, Vector256<int> high, ref int correction, ref float rowScales, Vector256<float> s, ref float init, ref float y, nuint row)
    {
        var sumLow = Vector256.ConvertToSingle(low - Vector256.LoadUnsafe(ref correction, row));
        var sumHigh = Vector256.ConvertToSingle(high - Vector256.LoadUnsafe(ref correction, row + 8));
        (Vector256.LoadUnsafe(ref init, row) + (sumLow * (Vector256.LoadUnsafe(ref rowScales, row) * s))).StoreUnsafe(ref y, row);
        (Vector256.LoadUnsafe(ref init, row + 8) + (sumHigh * (Vector256.LoadUnsafe(ref rowScales, row + 8) * s))).StoreUnsafe(ref y, row + 8);
    }
}
