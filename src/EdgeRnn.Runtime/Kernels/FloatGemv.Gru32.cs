using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

internal static partial class FloatGemv
{
    /// <summary>
    /// One step of a float32 GRU layer of 32 hidden units from its input x, on the 512-bit path: each side's 96 gate rows
    /// (r, z, n) are six units (one block of four and two single units), so a = initA + W_ih·x and b = initB + W_hh·h each
    /// take one pass over all six units (each broadcast of x or h serving all 96 rows; the sums of
    /// <see cref="MultiplyAdd"/>, to the bit) and the epilogue runs on their accumulators (the operations of
    /// <see cref="CellEpilogues.Gru"/>), never storing the gates; h is updated in place. With a one-output head,
    /// y[0] = the head of h as <see cref="CellEpilogues.GruThenDot"/> computes it. Same bits as those calls.
    /// </summary>
    /// <returns>False (nothing done) off the 512-bit path or for other shapes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static bool Gru32(PackedFloatMatrix a, ReadOnlySpan<float> x, PackedFloatMatrix b, Span<float> h, ReadOnlySpan<float> initA, ReadOnlySpan<float> initB, DenseRow? head, Span<float> y)
    {
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated || a.Units != 6 || b.Units != 6 || b.Cols != 32 || h.Length != 32
            || x.Length < a.Cols || initA.Length < 96 || initB.Length < 96 || (head is { } row && (row.Weights.Rows != 1 || row.Weights.Cols != 32 || y.IsEmpty)))
        {
            return false;
        }

        ref float iaRef = ref MemoryMarshal.GetReference(initA);
        ref float ibRef = ref MemoryMarshal.GetReference(initB);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        var a0 = Vector512.LoadUnsafe(ref iaRef);
        var a1 = Vector512.LoadUnsafe(ref iaRef, Unit);
        var a2 = Vector512.LoadUnsafe(ref iaRef, 2 * Unit);
        var a3 = Vector512.LoadUnsafe(ref iaRef, 3 * Unit);
        var a4 = Vector512.LoadUnsafe(ref iaRef, 4 * Unit);
        var a5 = Vector512.LoadUnsafe(ref iaRef, 5 * Unit);
        Units6(ref a.Start, a.Cols, ref MemoryMarshal.GetReference(x), ref a0, ref a1, ref a2, ref a3, ref a4, ref a5);
        var b0 = Vector512.LoadUnsafe(ref ibRef);
        var b1 = Vector512.LoadUnsafe(ref ibRef, Unit);
        var b2 = Vector512.LoadUnsafe(ref ibRef, 2 * Unit);
        var b3 = Vector512.LoadUnsafe(ref ibRef, 3 * Unit);
        var b4 = Vector512.LoadUnsafe(ref ibRef, 4 * Unit);
        var b5 = Vector512.LoadUnsafe(ref ibRef, 5 * Unit);
        Units6(ref b.Start, 32, ref hRef, ref b0, ref b1, ref b2, ref b3, ref b4, ref b5);
        CellEpilogues.GruPass32(a0, a1, a2, a3, a4, a5, b0, b1, b2, b3, b4, b5, ref hRef, out var h0, out var h1);
        if (head is { } dense)
        {
            y[0] = dense.Finish(CellEpilogues.Dot32(ref dense.Weights.Start, h0, h1, Vector256<float>.Zero));
        }

        return true;
    }

    /// <summary>
    /// e_u += W·x for a matrix of six units (a block of four, then two single units), per unit in the order of
    /// <see cref="Vector512Path"/>: even columns onto e, odd ones from zero, then e + odd; x read eight values at a time and
    /// broadcast from a register, as in <see cref="Block2"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Units6(ref float w, int cols, ref float x, ref Vector512<float> e0, ref Vector512<float> e1, ref Vector512<float> e2, ref Vector512<float> e3, ref Vector512<float> e4, ref Vector512<float> e5)
    {
        ref float w4 = ref Unsafe.Add(ref w, (nuint)(cols * BlockWidth));
        ref float w5 = ref Unsafe.Add(ref w4, (nuint)(cols * Unit));
        var o0 = Vector512<float>.Zero;
        var o1 = Vector512<float>.Zero;
        var o2 = Vector512<float>.Zero;
        var o3 = Vector512<float>.Zero;
        var o4 = Vector512<float>.Zero;
        var o5 = Vector512<float>.Zero;
        nuint eights = (nuint)(cols & ~7);
        nuint pairs = (nuint)(cols & ~1);
        nuint c = 0;
        for (; c < eights; c += 8)
        {
            var v = Vector256.LoadUnsafe(ref x, c);
            var lo = v.GetLower();
            var hi = v.GetUpper();
            Columns6(ref w, ref w4, ref w5, c, Vector512.Create(lo.ToScalar()), Vector512.Create(lo.GetElement(1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5);
            Columns6(ref w, ref w4, ref w5, c + 2, Vector512.Create(lo.GetElement(2)), Vector512.Create(lo.GetElement(3)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5);
            Columns6(ref w, ref w4, ref w5, c + 4, Vector512.Create(hi.ToScalar()), Vector512.Create(hi.GetElement(1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5);
            Columns6(ref w, ref w4, ref w5, c + 6, Vector512.Create(hi.GetElement(2)), Vector512.Create(hi.GetElement(3)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5);
        }

        for (; c < pairs; c += 2)
        {
            Columns6(ref w, ref w4, ref w5, c, Vector512.Create(Unsafe.Add(ref x, c)), Vector512.Create(Unsafe.Add(ref x, c + 1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5);
        }

        if (c < (nuint)cols)
        {
            var xe = Vector512.Create(Unsafe.Add(ref x, c));
            nuint at = c * BlockWidth;
            e0 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at), xe, e0);
            e1 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + Unit), xe, e1);
            e2 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + (2 * Unit)), xe, e2);
            e3 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + (3 * Unit)), xe, e3);
            e4 = MulAdd.Of(Vector512.LoadUnsafe(ref w4, c * Unit), xe, e4);
            e5 = MulAdd.Of(Vector512.LoadUnsafe(ref w5, c * Unit), xe, e5);
        }

        e0 += o0;
        e1 += o1;
        e2 += o2;
        e3 += o3;
        e4 += o4;
        e5 += o5;
    }

    /// <summary>Column c (x value <paramref name="xe"/>) and c + 1 (<paramref name="xo"/>) of the six units of <see cref="Units6"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns6(ref float w, ref float w4, ref float w5, nuint c, Vector512<float> xe, Vector512<float> xo, ref Vector512<float> e0, ref Vector512<float> e1, ref Vector512<float> e2, ref Vector512<float> e3, ref Vector512<float> e4, ref Vector512<float> e5, ref Vector512<float> o0, ref Vector512<float> o1, ref Vector512<float> o2, ref Vector512<float> o3, ref Vector512<float> o4, ref Vector512<float> o5)
    {
        nuint at = c * BlockWidth;
        nuint single = c * Unit;
        e0 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at), xe, e0);
        e1 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + Unit), xe, e1);
        e2 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + (2 * Unit)), xe, e2);
        e3 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + (3 * Unit)), xe, e3);
        e4 = MulAdd.Of(Vector512.LoadUnsafe(ref w4, single), xe, e4);
        e5 = MulAdd.Of(Vector512.LoadUnsafe(ref w5, single), xe, e5);
        o0 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + BlockWidth), xo, o0);
        o1 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + BlockWidth + Unit), xo, o1);
        o2 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + BlockWidth + (2 * Unit)), xo, o2);
        o3 = MulAdd.Of(Vector512.LoadUnsafe(ref w, at + BlockWidth + (3 * Unit)), xo, o3);
        o4 = MulAdd.Of(Vector512.LoadUnsafe(ref w4, single + Unit), xo, o4);
        o5 = MulAdd.Of(Vector512.LoadUnsafe(ref w5, single + Unit), xo, o5);
    }
}
