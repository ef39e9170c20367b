using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y_s = init_s + W·x_s for many vectors s (the streams of a batch, or the steps of a sequence), each weight load shared by
/// four vectors. Every row accumulates over the columns in exactly the order <see cref="MultiplyAdd"/> uses, so each y_s
/// is bit-identical to a single call.
/// </summary>
internal static partial class FloatGemv
{
    private const int Tile = 4;

    /// <summary>The weights (floats) of one chunk of units in the batched Vector512 kernel: 32 KB, within L1.</summary>
    private const int ChunkFloats = 8 * 1024;

    /// <param name="w">The matrix.</param>
    /// <param name="xs">count vectors, vector s at s·xStride, each ≥ Cols long.</param>
    /// <param name="xStride">Distance between vectors in xs.</param>
    /// <param name="init">The init vectors (PaddedRows each), vector s at s·initStride; stride 0 shares one.</param>
    /// <param name="initStride">Distance between init vectors, 0 for a shared bias.</param>
    /// <param name="ys">The outputs (PaddedRows each), vector s at s·yStride; may be init itself.</param>
    /// <param name="yStride">Distance between outputs.</param>
    /// <param name="count">The number of vectors.</param>
    public static void MultiplyAddMany(PackedFloatMatrix w, ReadOnlySpan<float> xs, int xStride, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride, int count)
    {
        int rows = w.PaddedRows;
        if (count < 0 || (count > 0 && (xs.Length < ((count - 1) * xStride) + w.Cols || init.Length < ((count - 1) * initStride) + rows || ys.Length < ((count - 1) * yStride) + rows)))
        {
            ThrowHelper.ThrowKernelShape(w.Cols, rows, xs.Length, Math.Min(init.Length, ys.Length));
        }

        int s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Units in chunks of about 32 KB of weights, each chunk against every tile of vectors while it sits in L1:
            // a big matrix is then read from memory once per call instead of once per tile.
            int tiles = count / Tile;
            int chunk = Math.Max(2, (ChunkFloats / Math.Max(1, w.Cols * Unit)) & ~1);
            for (int u = 0; u < w.Units; u += chunk)
            {
                int end = Math.Min(u + chunk, w.Units);
                for (int t = 0; t < tiles; t++)
                {
                    int at = t * Tile;
                    Vector512Tile(w, u, end, xs[(at * xStride)..], xStride, init[(at * initStride)..], initStride, ys[(at * yStride)..], yStride);
                }
            }

            s = tiles * Tile;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; s + Tile <= count; s += Tile)
            {
                Vector256Tile(w, xs[(s * xStride)..], xStride, init[(s * initStride)..], initStride, ys[(s * yStride)..], yStride);
            }
        }

        for (; s < count; s++)
        {
            MultiplyAdd(w, xs.Slice(s * xStride, w.Cols), init.Slice(s * initStride, rows), ys.Slice(s * yStride, rows));
        }
    }

    private static void Vector256Tile(PackedFloatMatrix w, ReadOnlySpan<float> xs, int xStride, ReadOnlySpan<float> init, int initStride, Span<float> ys, int yStride)
    {
        int cols = w.Cols;
        ref float wRef = ref w.Start;
        ref float x0 = ref MemoryMarshal.GetReference(xs);
        ref float x1 = ref Unsafe.Add(ref x0, xStride);
        ref float x2 = ref Unsafe.Add(ref x0, 2 * xStride);
        ref float x3 = ref Unsafe.Add(ref x0, 3 * xStride);
        ref float i0 = ref MemoryMarshal.GetReference(init);
        ref float y0 = ref MemoryMarshal.GetReference(ys);
        for (int u = 0; u < w.Units; u++)
        {
            ref float wu = ref Unsafe.Add(ref wRef, w.UnitOffset(u));
            nuint columnStride = (nuint)w.ColumnStride(u);
            nuint r0 = (nuint)(u * Unit);
            nuint r1 = r0 + 8;
            var a00 = Vector256.LoadUnsafe(ref i0, r0);
            var a01 = Vector256.LoadUnsafe(ref i0, r1);
            var a10 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, initStride), r0);
            var a11 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, initStride), r1);
            var a20 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, 2 * initStride), r0);
            var a21 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, 2 * initStride), r1);
            var a30 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, 3 * initStride), r0);
            var a31 = Vector256.LoadUnsafe(ref Unsafe.Add(ref i0, 3 * initStride), r1);
            for (int c = 0; c < cols; c++)
            {
                var w0 = Vector256.LoadUnsafe(ref wu, (nuint)c * columnStride);
                var w1 = Vector256.LoadUnsafe(ref wu, ((nuint)c * columnStride) + 8);
                var b0 = Vector256.Create(Unsafe.Add(ref x0, c));
                var b1 = Vector256.Create(Unsafe.Add(ref x1, c));
                var b2 = Vector256.Create(Unsafe.Add(ref x2, c));
                var b3 = Vector256.Create(Unsafe.Add(ref x3, c));
                a00 = MulAdd.Of(w0, b0, a00);
                a01 = MulAdd.Of(w1, b0, a01);
                a10 = MulAdd.Of(w0, b1, a10);
                a11 = MulAdd.Of(w1, b1, a11);
                a20 = MulAdd.Of(w0, b2, a20);
                a21 = MulAdd.Of(w1, b2, a21);
                a30 = MulAdd.Of(w0, b3, a30);
                a31 = MulAdd.Of(w1, b3, a31);
            }

            a00.StoreUnsafe(ref y0, r0);
            a01.StoreUnsafe(ref y0, r1);
            a10.StoreUnsafe(ref Unsafe.Add(ref y0, yStride), r0);
            a11.StoreUnsafe(ref Unsafe.Add(ref y0, yStride), r1);
            a20.StoreUnsafe(ref Unsafe.Add(ref y0, 2 * yStride), r0);
            a21.StoreUnsafe(ref Unsafe.Add(ref y0, 2 * yStride), r1);
            a30.StoreUnsafe(ref Unsafe.Add(ref y0, 3 * yStride), r0);
            a31.StoreUnsafe(ref Unsafe.Add(ref y0, 3 * yStride), r1);
        }
    }
}
