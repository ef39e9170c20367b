using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

internal static partial class FloatGemv
{
    /// <summary>
    /// One step of a float32 LSTM layer of 32 hidden units from its input x, on the 512-bit path: the 128 gate rows
    /// (i, f, o, g) are two blocks, so gates = init + W_ih·x + W_hh·h take one two-block pass (the sums of
    /// <see cref="MultiplyAddPair"/>) and the epilogue runs on its accumulators (the operations of
    /// <see cref="CellEpilogues.Lstm"/>), never storing the gates; h and c are updated in place. With a one-output head,
    /// y[0] = the head of h as <see cref="CellEpilogues.LstmThenDot"/> computes it. Same bits as those calls.
    /// </summary>
    /// <returns>False (nothing done) off the 512-bit path or for other shapes.</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static bool Lstm32(PackedFloatMatrix a, ReadOnlySpan<float> x, PackedFloatMatrix b, Span<float> h, Span<float> c, ReadOnlySpan<float> init, DenseRow? head, Span<float> y)
    {
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated || a.Units != 8 || b.Units != 8 || b.Cols != 32 || h.Length != 32 || c.Length < 32
            || x.Length < a.Cols || init.Length < 128 || (head is { } row && (row.Weights.Rows != 1 || row.Weights.Cols != 32 || y.IsEmpty)))
        {
            return false;
        }

        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        var e0 = Vector512.LoadUnsafe(ref iRef);
        var e1 = Vector512.LoadUnsafe(ref iRef, Unit);
        var e2 = Vector512.LoadUnsafe(ref iRef, 2 * Unit);
        var e3 = Vector512.LoadUnsafe(ref iRef, 3 * Unit);
        var e4 = Vector512.LoadUnsafe(ref iRef, 4 * Unit);
        var e5 = Vector512.LoadUnsafe(ref iRef, 5 * Unit);
        var e6 = Vector512.LoadUnsafe(ref iRef, 6 * Unit);
        var e7 = Vector512.LoadUnsafe(ref iRef, 7 * Unit);
        Block2(ref a.Start, (nuint)(a.Cols * BlockWidth), ref MemoryMarshal.GetReference(x), a.Cols, ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7);
        Block2(ref b.Start, (nuint)(32 * BlockWidth), ref hRef, 32, ref e0, ref e1, ref e2, ref e3, ref e4, ref e5, ref e6, ref e7);
        CellEpilogues.LstmPass32(e0, e1, e2, e3, e4, e5, e6, e7, ref MemoryMarshal.GetReference(c), ref hRef, out var h0, out var h1);
        if (head is { } dense)
        {
            y[0] = dense.Finish(CellEpilogues.Dot32(ref dense.Weights.Start, h0, h1, Vector256<float>.Zero));
        }

        return true;
    }
}
