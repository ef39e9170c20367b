using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y = init + W·x for a <see cref="PackedFloatMatrix"/>. Contract: <c>x.Length ≥ Cols</c>, <c>init</c> and <c>y</c> hold
/// at least <c>PaddedRows</c> values and may be the same span (accumulate); the padded rows of y receive init's padding.
/// Picks the widest accelerated vector width once per call (JIT-time constants); <see cref="Scalar"/> is the reference.
/// Each width has its own summation order (see the path's remarks); the batched kernels repeat it to the bit.
/// </summary>
internal static partial class FloatGemv
{
    private const int Unit = PackedFloatMatrix.Unit;

    /// <param name="w">The matrix.</param>
    /// <param name="x">The input vector.</param>
    /// <param name="init">Added to the product.</param>
    /// <param name="y">The result.</param>
    /// <param name="descending">Walk the blocks of units last to first (same result, to the bit).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, bool descending = false)
    {
        if (x.Length < w.Cols || init.Length < w.PaddedRows || y.Length < w.PaddedRows)
        {
            ThrowHelper.ThrowKernelShape(w.Cols, w.PaddedRows, x.Length, Math.Min(init.Length, y.Length));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Vector512Path(w, x, init, y, descending);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256Path(w, x, init, y);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Vector128Path(w, x, init, y);
        }
        else
        {
            Scalar(w, x, init, y);
        }
    }

    public static void Scalar(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        int cols = w.Cols;
        ReadOnlySpan<float> data = w.Data;
        Span<float> acc = stackalloc float[Unit];
        for (int u = 0; u < w.Units; u++)
        {
            init.Slice(u * Unit, Unit).CopyTo(acc);
            int unitBase = w.UnitOffset(u);
            int columnStride = w.ColumnStride(u);
            for (int c = 0; c < cols; c++)
            {
                float xc = x[c];
                for (int lane = 0; lane < Unit; lane++)
                {
                    acc[lane] += data[unitBase + (c * columnStride) + lane] * xc;
                }
            }

            acc.CopyTo(y.Slice(u * Unit, Unit));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector256Path(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        int cols = w.Cols;
        int units = w.Units;
        ref float wRef = ref w.Start;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        int u = 0;
        for (; u < w.BlockedUnits; u += PackedFloatMatrix.BlockUnits)
        {
            // A whole block: its 64 rows lie side by side, so eight accumulators cover it and hide the multiply-add latency.
            ref float wb = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            nuint o = (nuint)(u * Unit);
            var a0 = Vector256.LoadUnsafe(ref iRef, o);
            var a1 = Vector256.LoadUnsafe(ref iRef, o + 8);
            var a2 = Vector256.LoadUnsafe(ref iRef, o + 16);
            var a3 = Vector256.LoadUnsafe(ref iRef, o + 24);
            var a4 = Vector256.LoadUnsafe(ref iRef, o + 32);
            var a5 = Vector256.LoadUnsafe(ref iRef, o + 40);
            var a6 = Vector256.LoadUnsafe(ref iRef, o + 48);
            var a7 = Vector256.LoadUnsafe(ref iRef, o + 56);
            for (int c = 0; c < cols; c++)
            {
                var xc = Vector256.Create(Unsafe.Add(ref xRef, c));
                nuint offset = (nuint)(c * BlockWidth);
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset), xc, a0);
                a1 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 8), xc, a1);
                a2 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 16), xc, a2);
                a3 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 24), xc, a3);
                a4 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 32), xc, a4);
                a5 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 40), xc, a5);
                a6 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 48), xc, a6);
                a7 = MulAdd.Of(Vector256.LoadUnsafe(ref wb, offset + 56), xc, a7);
            }

            a0.StoreUnsafe(ref yRef, o);
            a1.StoreUnsafe(ref yRef, o + 8);
            a2.StoreUnsafe(ref yRef, o + 16);
            a3.StoreUnsafe(ref yRef, o + 24);
            a4.StoreUnsafe(ref yRef, o + 32);
            a5.StoreUnsafe(ref yRef, o + 40);
            a6.StoreUnsafe(ref yRef, o + 48);
            a7.StoreUnsafe(ref yRef, o + 56);
        }

        for (; u + 2 <= units; u += 2)
        {
            // The units after the blocks, in pairs.
            ref float w0 = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            ref float w1 = ref Unsafe.Add(ref wRef, w.UnitOffset(u + 1));
            nuint columnStride = (nuint)w.ColumnStride(u);
            nuint o = (nuint)(u * Unit);
            var a0 = Vector256.LoadUnsafe(ref iRef, o);
            var a1 = Vector256.LoadUnsafe(ref iRef, o + 8);
            var a2 = Vector256.LoadUnsafe(ref iRef, o + 16);
            var a3 = Vector256.LoadUnsafe(ref iRef, o + 24);
            for (int c = 0; c < cols; c++)
            {
                var xc = Vector256.Create(Unsafe.Add(ref xRef, c));
                nuint offset = (nuint)c * columnStride;
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, offset), xc, a0);
                a1 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, offset + 8), xc, a1);
                a2 = MulAdd.Of(Vector256.LoadUnsafe(ref w1, offset), xc, a2);
                a3 = MulAdd.Of(Vector256.LoadUnsafe(ref w1, offset + 8), xc, a3);
            }

            a0.StoreUnsafe(ref yRef, o);
            a1.StoreUnsafe(ref yRef, o + 8);
            a2.StoreUnsafe(ref yRef, o + 16);
            a3.StoreUnsafe(ref yRef, o + 24);
        }

        for (; u < units; u++)
        {
            ref float w0 = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            nuint columnStride = (nuint)w.ColumnStride(u);
            nuint o = (nuint)(u * Unit);
            var a0 = Vector256.LoadUnsafe(ref iRef, o);
            var a1 = Vector256.LoadUnsafe(ref iRef, o + 8);
            for (int c = 0; c < cols; c++)
            {
                var xc = Vector256.Create(Unsafe.Add(ref xRef, c));
                nuint offset = (nuint)c * columnStride;
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, offset), xc, a0);
                a1 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, offset + 8), xc, a1);
            }

            a0.StoreUnsafe(ref yRef, o);
            a1.StoreUnsafe(ref yRef, o + 8);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector128Path(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        int cols = w.Cols;
        int units = w.Units;
        ref float wRef = ref w.Start;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        int u = 0;
        for (; u + 2 <= units; u += 2)
        {
            // Two units at a time, eight accumulators (a pair never straddles the end of the blocks: BlockedUnits is even).
            ref float w0 = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            ref float w1 = ref Unsafe.Add(ref wRef, w.UnitOffset(u + 1));
            nuint columnStride = (nuint)w.ColumnStride(u);
            nuint o = (nuint)(u * Unit);
            var a0 = Vector128.LoadUnsafe(ref iRef, o);
            var a1 = Vector128.LoadUnsafe(ref iRef, o + 4);
            var a2 = Vector128.LoadUnsafe(ref iRef, o + 8);
            var a3 = Vector128.LoadUnsafe(ref iRef, o + 12);
            var a4 = Vector128.LoadUnsafe(ref iRef, o + 16);
            var a5 = Vector128.LoadUnsafe(ref iRef, o + 20);
            var a6 = Vector128.LoadUnsafe(ref iRef, o + 24);
            var a7 = Vector128.LoadUnsafe(ref iRef, o + 28);
            for (int c = 0; c < cols; c++)
            {
                var xc = Vector128.Create(Unsafe.Add(ref xRef, c));
                nuint offset = (nuint)c * columnStride;
                a0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset), xc, a0);
                a1 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 4), xc, a1);
                a2 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 8), xc, a2);
                a3 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 12), xc, a3);
                a4 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, offset), xc, a4);
                a5 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, offset + 4), xc, a5);
                a6 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, offset + 8), xc, a6);
                a7 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, offset + 12), xc, a7);
            }

            a0.StoreUnsafe(ref yRef, o);
            a1.StoreUnsafe(ref yRef, o + 4);
            a2.StoreUnsafe(ref yRef, o + 8);
            a3.StoreUnsafe(ref yRef, o + 12);
            a4.StoreUnsafe(ref yRef, o + 16);
            a5.StoreUnsafe(ref yRef, o + 20);
            a6.StoreUnsafe(ref yRef, o + 24);
            a7.StoreUnsafe(ref yRef, o + 28);
        }

        for (; u < units; u++)
        {
            ref float w0 = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            nuint columnStride = (nuint)w.ColumnStride(u);
            nuint o = (nuint)(u * Unit);
            var a0 = Vector128.LoadUnsafe(ref iRef, o);
            var a1 = Vector128.LoadUnsafe(ref iRef, o + 4);
            var a2 = Vector128.LoadUnsafe(ref iRef, o + 8);
            var a3 = Vector128.LoadUnsafe(ref iRef, o + 12);
            for (int c = 0; c < cols; c++)
            {
                var xc = Vector128.Create(Unsafe.Add(ref xRef, c));
                nuint offset = (nuint)c * columnStride;
                a0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset), xc, a0);
                a1 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 4), xc, a1);
                a2 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 8), xc, a2);
                a3 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, offset + 12), xc, a3);
            }

            a0.StoreUnsafe(ref yRef, o);
            a1.StoreUnsafe(ref yRef, o + 4);
            a2.StoreUnsafe(ref yRef, o + 8);
            a3.StoreUnsafe(ref yRef, o + 12);
        }
    }
}
