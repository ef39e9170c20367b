using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The Vector512 path. Order of the sums, which <see cref="Vector512Tile"/> repeats exactly: every row sums its even
/// columns onto init and its odd columns from zero, then even + odd; units go in blocks of four (eight independent FMA
/// chains, as two FMA pipes with four cycles of latency need), then the remaining units one by one. Blocks are
/// independent, so they may run in either order: a stream that alternates the order step by step starts each step on the
/// blocks the last one left in L2, which matters once a matrix is about the size of L2.
/// </summary>
internal static partial class FloatGemv
{
    private const int BlockWidth = PackedFloatMatrix.BlockUnits * Unit;

    /// <summary>Weights (floats) below which a matrix stays in L1/L2 anyway and is always walked first to last.</summary>
    private const int DescendingMinimum = 64 * 1024;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector512Path(PackedFloatMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y, bool descending)
    {
        int cols = w.Cols;
        int units = w.Units;
        nuint pairs = (nuint)(cols & ~1);
        ref float wRef = ref w.Start;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        nuint blockSize = (nuint)(cols * BlockWidth);
        int blocks = units / 4;
        descending &= blocks * (int)blockSize >= DescendingMinimum;
        nint step = descending ? -(nint)blockSize : (nint)blockSize;
        nint rowStep = descending ? -BlockWidth : BlockWidth;
        ref float wb = ref Unsafe.Add(ref wRef, descending ? (nint)(blocks - 1) * (nint)blockSize : 0);
        nuint row = descending ? (nuint)((blocks - 1) * BlockWidth) : 0;
        for (int k = 0; k < blocks; k++)
        {
            var e0 = Vector512.LoadUnsafe(ref iRef, row);
            var e1 = Vector512.LoadUnsafe(ref iRef, row + Unit);
            var e2 = Vector512.LoadUnsafe(ref iRef, row + (2 * Unit));
            var e3 = Vector512.LoadUnsafe(ref iRef, row + (3 * Unit));
            var o0 = Vector512<float>.Zero;
            var o1 = Vector512<float>.Zero;
            var o2 = Vector512<float>.Zero;
            var o3 = Vector512<float>.Zero;
            nuint c = 0;
            for (; c < pairs; c += 2)
            {
                var xe = Vector512.Create(Unsafe.Add(ref xRef, c));
                var xo = Vector512.Create(Unsafe.Add(ref xRef, c + 1));
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
                var xe = Vector512.Create(Unsafe.Add(ref xRef, c));
                nuint at = c * BlockWidth;
                e0 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at), xe, e0);
                e1 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + Unit), xe, e1);
                e2 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (2 * Unit)), xe, e2);
                e3 = MulAdd.Of(Vector512.LoadUnsafe(ref wb, at + (3 * Unit)), xe, e3);
            }

            (e0 + o0).StoreUnsafe(ref yRef, row);
            (e1 + o1).StoreUnsafe(ref yRef, row + Unit);
            (e2 + o2).StoreUnsafe(ref yRef, row + (2 * Unit));
            (e3 + o3).StoreUnsafe(ref yRef, row + (3 * Unit));
            wb = ref Unsafe.Add(ref wb, step);
            row = (nuint)((nint)row + rowStep);
        }

        wRef = ref Unsafe.Add(ref wRef, (nuint)blocks * blockSize);
        for (int u = blocks * 4; u < units; u++)
        {
            ref float w0 = ref wRef;
            wRef = ref Unsafe.Add(ref wRef, (nuint)(cols * Unit));
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
