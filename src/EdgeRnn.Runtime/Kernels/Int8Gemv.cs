using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y = init + (Wq·q − correction) · (rowScale · s) for a <see cref="PackedInt8Matrix"/>, with int32 accumulation that is
/// exact (no saturating step anywhere: int8×int8 products are at most 16129, so two of them fit an int16, and the AVX-VNNI
/// path uses the non-saturating VPDPBUSD). Contract: q holds at least <c>PaddedCols</c> values with zero padding;
/// init and y hold at least <c>PaddedRows</c> and may be the same span. Every path gives bit-identical results to <see cref="Scalar"/>.
/// </summary>
internal static partial class Int8Gemv
{
    private const int Unit = PackedInt8Matrix.Unit;

    public static void MultiplyAdd(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, float scale, ReadOnlySpan<float> init, Span<float> y)
    {
        if (q.Length < w.PaddedCols || init.Length < w.PaddedRows || y.Length < w.PaddedRows)
        {
            ThrowHelper.ThrowKernelShape(w.PaddedCols, w.PaddedRows, q.Length, Math.Min(init.Length, y.Length));
        }

        Span<int> acc = stackalloc int[4 * Unit];
        for (int u = 0; u < w.Units; u += 4)
        {
            int count = Math.Min(4, w.Units - u);
            if (w.Layout == Int8Layout.DotProduct4 && AvxVnni.IsSupported)
            {
                DotProduct4Block(w, q, u, count, acc);
            }
            else if (w.Layout == Int8Layout.DotProduct4)
            {
                ScalarBlock(w, q, u, count, acc);
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
            for (; i + 8 <= acc.Length; i += 8)
            {
                var a = Vector256.ConvertToSingle(Vector256.Create(acc.Slice(i, 8)));
                var f = Vector256.Create(w.RowScales.AsSpan(row0 + i, 8)) * s;
                (Vector256.Create(init.Slice(row0 + i, 8)) + (a * f)).CopyTo(y.Slice(row0 + i, 8));
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

    private static void DotProduct4Block(PackedInt8Matrix w, ReadOnlySpan<sbyte> q, int u, int count, Span<int> acc)
    {
        int groups = w.PaddedCols / 4;
        int stride = w.PaddedCols * Unit;
        ref sbyte wRef = ref Unsafe.Add(ref w.Start, u * stride);
        ref uint qRef = ref Unsafe.As<sbyte, uint>(ref MemoryMarshal.GetReference(q));
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
            // q + 128 as u8 is q with its sign bit flipped; the correction term removes the +128 again.
            var xb = Vector256.Create(Unsafe.Add(ref qRef, g) ^ 0x80808080u).AsByte();
            nuint o = (nuint)(g * Unit * 4);
            a0 = AvxVnni.MultiplyWideningAndAdd(a0, xb, Vector256.LoadUnsafe(ref wRef, o));
            a1 = AvxVnni.MultiplyWideningAndAdd(a1, xb, Vector256.LoadUnsafe(ref wRef, o + 32));
            if (count > 1)
            {
                a2 = AvxVnni.MultiplyWideningAndAdd(a2, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)stride));
                a3 = AvxVnni.MultiplyWideningAndAdd(a3, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)stride + 32));
            }

            if (count > 2)
            {
                a4 = AvxVnni.MultiplyWideningAndAdd(a4, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)(2 * stride)));
                a5 = AvxVnni.MultiplyWideningAndAdd(a5, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)(2 * stride) + 32));
            }

            if (count > 3)
            {
                a6 = AvxVnni.MultiplyWideningAndAdd(a6, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)(3 * stride)));
                a7 = AvxVnni.MultiplyWideningAndAdd(a7, xb, Vector256.LoadUnsafe(ref wRef, o + (nuint)(3 * stride) + 32));
            }
        }

        ref int accRef = ref MemoryMarshal.GetReference(acc);
        ref int corr = ref MemoryMarshal.GetArrayDataReference(w.Correction);
        nuint r0 = (nuint)(u * Unit);
        (a0 - Vector256.LoadUnsafe(ref corr, r0)).StoreUnsafe(ref accRef, 0);
        (a1 - Vector256.LoadUnsafe(ref corr, r0 + 8)).StoreUnsafe(ref accRef, 8);
        if (count > 1)
        {
            (a2 - Vector256.LoadUnsafe(ref corr, r0 + 16)).StoreUnsafe(ref accRef, 16);
            (a3 - Vector256.LoadUnsafe(ref corr, r0 + 24)).StoreUnsafe(ref accRef, 24);
        }

        if (count > 2)
        {
            (a4 - Vector256.LoadUnsafe(ref corr, r0 + 32)).StoreUnsafe(ref accRef, 32);
            (a5 - Vector256.LoadUnsafe(ref corr, r0 + 40)).StoreUnsafe(ref accRef, 40);
        }

        if (count > 3)
        {
            (a6 - Vector256.LoadUnsafe(ref corr, r0 + 48)).StoreUnsafe(ref accRef, 48);
            (a7 - Vector256.LoadUnsafe(ref corr, r0 + 56)).StoreUnsafe(ref accRef, 56);
        }
    }
}
