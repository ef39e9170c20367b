using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y = (init + A·a) + B·b for two matrices of the same rows (a layer's input and recurrent weights), in one pass over the
/// units: each unit's accumulators go from A's columns straight on to B's, with the sums in exactly the order of two
/// <see cref="MultiplyAdd"/> calls, the first one's result being the second one's init (bit-identical to them).
/// </summary>
internal static partial class FloatGemv
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAddPair(PackedFloatMatrix a, ReadOnlySpan<float> xa, PackedFloatMatrix b, ReadOnlySpan<float> xb, ReadOnlySpan<float> init, Span<float> y, bool descending = false)
    {
        if (a.Units != b.Units || xa.Length < a.Cols || xb.Length < b.Cols || init.Length < a.PaddedRows || y.Length < a.PaddedRows)
        {
            ThrowHelper.ThrowKernelShape(a.Cols + b.Cols, a.PaddedRows, xa.Length + xb.Length, Math.Min(init.Length, y.Length));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512Pair(a, xa, b, xb, init, y, descending);
        }
        else
        {
            MultiplyAdd(a, xa, init, y, descending);
            MultiplyAdd(b, xb, y, y, descending);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector512Pair(PackedFloatMatrix a, ReadOnlySpan<float> xa, PackedFloatMatrix b, ReadOnlySpan<float> xb, ReadOnlySpan<float> init, Span<float> y, bool descending)
    {
        int units = a.Units;
        int blocks = units / 4;
        ref float aRef = ref a.Start;
        ref float bRef = ref b.Start;
        ref float xaRef = ref MemoryMarshal.GetReference(xa);
        ref float xbRef = ref MemoryMarshal.GetReference(xb);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        nuint aBlock = (nuint)(a.Cols * BlockWidth);
        nuint bBlock = (nuint)(b.Cols * BlockWidth);
        int k = 0;
        for (; k + 2 <= blocks; k += 2)
        {
            // Two blocks side by side: one broadcast of each x value serves eight units (16 independent FMA chains).
            nuint row = (nuint)(k * BlockWidth);
            var e0 = Vector512.LoadUnsafe(ref iRef, row);
            var e1 = Vector512.LoadUnsafe(ref iRef, row + Unit);
            var e2 = Vector512.LoadUnsafe(ref iRef, row + (2 * Unit));
            var e3 = Vector512.LoadUnsafe(ref iRef, row + (3 * Unit));
            var e4 = Vector512.LoadUnsafe(ref iRef, row + (4 * Unit));
            var e5 = Vector512.LoadUnsafe(ref iRef, row + (5 * Unit));
            var e6 = Vector512.LoadUnsafe(ref iRef, row + (6 * Unit));
            var e7 = Vector512.LoadUnsafe(ref iRef, row + (7 * Unit));
            Block2(ref Unsafe.Add(ref aRef, (nuint)k * aBlock), aBlock, ref xaRef, a.Cols, ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7);
            Block2(ref Unsafe.Add(ref bRef, (nuint)k * bBlock), bBlock, ref xbRef, b.Cols, ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7);
            e0.StoreUnsafe(ref yRef, row);
            e1.StoreUnsafe(ref yRef, row + Unit);
            e2.StoreUnsafe(ref yRef, row + (2 * Unit));
            e3.StoreUnsafe(ref yRef, row + (3 * Unit));
            e4.StoreUnsafe(ref yRef, row + (4 * Unit));
            e5.StoreUnsafe(ref yRef, row + (5 * Unit));
            e6.StoreUnsafe(ref yRef, row + (6 * Unit));
            e7.StoreUnsafe(ref yRef, row + (7 * Unit));
        }

        for (; k < blocks; k++)
        {
            nuint row = (nuint)(k * BlockWidth);
            var e0 = Vector512.LoadUnsafe(ref iRef, row);
            var e1 = Vector512.LoadUnsafe(ref iRef, row + Unit);
            var e2 = Vector512.LoadUnsafe(ref iRef, row + (2 * Unit));
            var e3 = Vector512.LoadUnsafe(ref iRef, row + (3 * Unit));
            var o0 = Vector512<float>.Zero;
            var o1 = Vector512<float>.Zero;
            var o2 = Vector512<float>.Zero;
            var o3 = Vector512<float>.Zero;
            Block(ref Unsafe.Add(ref aRef, (nuint)k * aBlock), ref xaRef, a.Cols, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
            e0 += o0;
            e1 += o1;
            e2 += o2;
            e3 += o3;
            o0 = Vector512<float>.Zero;
            o1 = Vector512<float>.Zero;
            o2 = Vector512<float>.Zero;
            o3 = Vector512<float>.Zero;
            Block(ref Unsafe.Add(ref bRef, (nuint)k * bBlock), ref xbRef, b.Cols, ref e0, ref e1, ref e2, ref e3, ref o0, ref o1, ref o2, ref o3);
            (e0 + o0).StoreUnsafe(ref yRef, row);
            (e1 + o1).StoreUnsafe(ref yRef, row + Unit);
            (e2 + o2).StoreUnsafe(ref yRef, row + (2 * Unit));
            (e3 + o3).StoreUnsafe(ref yRef, row + (3 * Unit));
        }

        if (blocks * 4 < units)
        {
            MultiplyAddTail(a, xa, init, y, blocks * 4);
            MultiplyAddTail(b, xb, y, y, blocks * 4);
        }
    }

    /// <summary>
    /// Two neighbouring blocks (next one <paramref name="blockSize"/> further): e_u += even columns, then + (odd columns
    /// from zero), per unit as in <see cref="Block"/>. x is read eight values at a time and broadcast from a register
    /// (shuffles instead of a load per column: the weight loads keep the load ports busy).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block2(ref float wb, nuint blockSize, ref float x, int cols, ref Vector512<float> e0, ref Vector512<float> e1, ref Vector512<float> e2, ref Vector512<float> e3, ref Vector512<float> e4, ref Vector512<float> e5, ref Vector512<float> e6, ref Vector512<float> e7)
    {
        ref float wc = ref Unsafe.Add(ref wb, blockSize);
        var o0 = Vector512<float>.Zero;
        var o1 = Vector512<float>.Zero;
        var o2 = Vector512<float>.Zero;
        var o3 = Vector512<float>.Zero;
        var o4 = Vector512<float>.Zero;
        var o5 = Vector512<float>.Zero;
        var o6 = Vector512<float>.Zero;
        var o7 = Vector512<float>.Zero;
        nuint eights = (nuint)(cols & ~7);
        nuint pairs = (nuint)(cols & ~1);
        nuint c = 0;
        for (; c < eights; c += 8)
        {
            var v = Vector256.LoadUnsafe(ref x, c);
            var lo = v.GetLower();
            var hi = v.GetUpper();
            Columns2(ref wb, ref wc, c * BlockWidth, Vector512.Create(lo.ToScalar()), Vector512.Create(lo.GetElement(1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5, ref o6, ref o7);
            Columns2(ref wb, ref wc, (c + 2) * BlockWidth, Vector512.Create(lo.GetElement(2)), Vector512.Create(lo.GetElement(3)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5, ref o6, ref o7);
            Columns2(ref wb, ref wc, (c + 4) * BlockWidth, Vector512.Create(hi.ToScalar()), Vector512.Create(hi.GetElement(1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5, ref o6, ref o7);
            Columns2(ref wb, ref wc, (c + 6) * BlockWidth, Vector512.Create(hi.GetElement(2)), Vector512.Create(hi.GetElement(3)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5, ref o6, ref o7);
        }

        for (; c < pairs; c += 2)
        {
            Columns2(ref wb, ref wc, c * BlockWidth, Vector512.Create(Unsafe.Add(ref x, c)), Vector512.Create(Unsafe.Add(ref x, c + 1)), ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7, ref o0, ref o1, ref o2, ref o3, ref o4, ref o5, ref o6, ref o7);
        }

        if (c < (nuint)cols)
        {
            var xe = Vector512.Create(Unsafe.Add(ref x, c));
            nuint at = c * BlockWidth;
            e0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at), xe, e0);
            e1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + Unit), xe, e1);
            e2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (2 * Unit)), xe, e2);
            e3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (3 * Unit)), xe, e3);
            e4 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at), xe, e4);
            e5 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + Unit), xe, e5);
            e6 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + (2 * Unit)), xe, e6);
            e7 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + (3 * Unit)), xe, e7);
        }

        e0 += o0;
        e1 += o1;
        e2 += o2;
        e3 += o3;
        e4 += o4;
        e5 += o5;
        e6 += o6;
        e7 += o7;
    }

    /// <summary>One even column (x value <paramref name="xe"/>) and the odd one after it (<paramref name="xo"/>) of two blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns2(ref float wb, ref float wc, nuint at, Vector512<float> xe, Vector512<float> xo, ref Vector512<float> e0, ref Vector512<float> e1, ref Vector512<float> e2, ref Vector512<float> e3, ref Vector512<float> e4, ref Vector512<float> e5, ref Vector512<float> e6, ref Vector512<float> e7, ref Vector512<float> o0, ref Vector512<float> o1, ref Vector512<float> o2, ref Vector512<float> o3, ref Vector512<float> o4, ref Vector512<float> o5, ref Vector512<float> o6, ref Vector512<float> o7)
    {
        e0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at), xe, e0);
        e1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + Unit), xe, e1);
        e2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (2 * Unit)), xe, e2);
        e3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (3 * Unit)), xe, e3);
        e4 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at), xe, e4);
        e5 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + Unit), xe, e5);
        e6 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + (2 * Unit)), xe, e6);
        e7 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + (3 * Unit)), xe, e7);
        o0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth), xo, o0);
        o1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + Unit), xo, o1);
        o2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + (2 * Unit)), xo, o2);
        o3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + (3 * Unit)), xo, o3);
        o4 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + BlockWidth), xo, o4);
        o5 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + BlockWidth + Unit), xo, o5);
        o6 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + BlockWidth + (2 * Unit)), xo, o6);
        o7 = MulAdd.Of(Vector512.LoadUnsafe(ref wc, at + BlockWidth + (3 * Unit)), xo, o7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block(ref float wb, ref float x, int cols, ref Vector512<float> e0, ref Vector512<float> e1, ref Vector512<float> e2, ref Vector512<float> e3, ref Vector512<float> o0, ref Vector512<float> o1, ref Vector512<float> o2, ref Vector512<float> o3)
    {
        nuint pairs = (nuint)(cols & ~1);
        nuint c = 0;
        for (; c < pairs; c += 2)
        {
            var xe = Vector512.Create(Unsafe.Add(ref x, c));
            var xo = Vector512.Create(Unsafe.Add(ref x, c + 1));
            nuint at = c * BlockWidth;
            e0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at), xe, e0);
            e1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + Unit), xe, e1);
            e2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (2 * Unit)), xe, e2);
            e3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (3 * Unit)), xe, e3);
            o0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth), xo, o0);
            o1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + Unit), xo, o1);
            o2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + (2 * Unit)), xo, o2);
            o3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + BlockWidth + (3 * Unit)), xo, o3);
        }

        if (c < (nuint)cols)
        {
            var xe = Vector512.Create(Unsafe.Add(ref x, c));
            nuint at = c * BlockWidth;
            e0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at), xe, e0);
            e1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + Unit), xe, e1);
            e2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (2 * Unit)), xe, e2);
            e3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (3 * Unit)), xe, e3);
        }
    }

    private static void MultiplyAddTail(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, int firstUnit)
    {
        int cols = w.Cols;
        nuint pairs = (nuint)(cols & ~1);
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        for (int u = firstUnit; u < w.Units; u++)
        {
            ref float w0 = ref Unsafe.Add(ref w.Start, (nuint)w.UnitOffset(u));
            nuint r = (nuint)(u * Unit);
            var e = Vector512.LoadUnsafe(ref iRef, r);
            var o = Vector512<float>.Zero;
            nuint c = 0;
            for (; c < pairs; c += 2)
            {
                e = MulAdd.Of(Vector512.LoadUnsafe(ref w0, c * Unit), Vector512.Create(Unsafe.Add(ref xRef, c)), e);
                o = MulAdd.Of(Vector512.LoadUnsafe(ref w0, (c + 1) * Unit), Vector512.Create(Unsafe.Add(ref xRef, c + 1)), o);
            }

            if (c < (nuint)cols)
            {
                e = MulAdd.Of(Vector512.LoadUnsafe(ref w0, c * Unit), Vector512.Create(Unsafe.Add(ref xRef, c)), e);
            }

            (e + o).StoreUnsafe(ref yRef, r);
        }
    }
}
