using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>The GRU's Vector512 passes, and the GRU followed by a one-output head in one kernel.</summary>
internal static partial class CellEpilogues
{
    /// <summary>
    /// <see cref="Gru"/>, then y[0] = the one-output <paramref name="head"/> of h, exactly as <see cref="RowGemv.MultiplyAdd"/>
    /// and <see cref="DenseRow.End"/> compute it (eight partial sums over h's columns in ascending groups of eight).
    /// Where the Vector512 body covers all of h (H a multiple of 16) the partial sums are taken from the h registers as each
    /// pass produces them, so the head does not wait to read h back from memory; otherwise this is the separate calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void GruThenDot(ReadOnlySpan<float> input, ReadOnlySpan<float> recurrent, Span<float> h, DenseRow head, Span<float> y)
    {
        int n = h.Length;
        var w = head.Weights;
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated || n % 16 != 0 || w.Rows != 1 || w.Cols != n)
        {
            Gru(input, recurrent, h);
            float bias = head.Bias;
            RowGemv.MultiplyAdd(w, h, new ReadOnlySpan<float>(in bias), y);
            y[0] = head.End(y[0]);
            return;
        }

        if (input.Length < 3 * n || recurrent.Length < 3 * n || y.IsEmpty)
        {
            ThrowHelper.ThrowKernelShape(n, 1, Math.Min(input.Length, recurrent.Length) / 3, y.Length);
        }

        ref float a = ref MemoryMarshal.GetReference(input);
        ref float b = ref MemoryMarshal.GetReference(recurrent);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        ref float wRef = ref w.Start;
        var s = Vector256<float>.Zero;
        int j = 0;
        for (; j + 32 <= n; j += 32)
        {
            GruPass32(ref a, ref b, ref hRef, n, j, out var h0, out var h1);
            s = Dot32(ref Unsafe.Add(ref wRef, j), h0, h1, s);
        }

        if (j < n)
        {
            var h0 = GruPass16(ref a, ref b, ref hRef, n, j);
            s = MulAdd.Of(Vector256.LoadUnsafe(ref wRef, (nuint)j), h0.GetLower(), s);
            s = MulAdd.Of(Vector256.LoadUnsafe(ref wRef, (nuint)(j + 8)), h0.GetUpper(), s);
        }

        y[0] = head.Finish(s);
    }

    /// <summary>Lanes j … j + 31 from the gate buffers, two vectors a pass (two chains side by side).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GruPass32(ref float a, ref float b, ref float hRef, int n, int j, out Vector512<float> h0, out Vector512<float> h1)
    {
        nuint k = (nuint)(j + 16);
        GruPass32(
            Vector512.LoadUnsafe(ref a, (nuint)j),
            Vector512.LoadUnsafe(ref a, k),
            Vector512.LoadUnsafe(ref a, (nuint)(n + j)),
            Vector512.LoadUnsafe(ref a, (nuint)n + k),
            Vector512.LoadUnsafe(ref a, (nuint)((2 * n) + j)),
            Vector512.LoadUnsafe(ref a, (nuint)(2 * n) + k),
            Vector512.LoadUnsafe(ref b, (nuint)j),
            Vector512.LoadUnsafe(ref b, k),
            Vector512.LoadUnsafe(ref b, (nuint)(n + j)),
            Vector512.LoadUnsafe(ref b, (nuint)n + k),
            Vector512.LoadUnsafe(ref b, (nuint)((2 * n) + j)),
            Vector512.LoadUnsafe(ref b, (nuint)(2 * n) + k),
            ref Unsafe.Add(ref hRef, j),
            out h0,
            out h1);
    }

    /// <summary>
    /// 32 lanes from gate registers: the input side a (r, z, n, two vectors each) and the recurrent side b (the same);
    /// h (32 values at <paramref name="h"/>) is read and overwritten, and returned in <paramref name="h0"/> and <paramref name="h1"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void GruPass32(Vector512<float> ar0, Vector512<float> ar1, Vector512<float> az0, Vector512<float> az1, Vector512<float> an0, Vector512<float> an1, Vector512<float> br0, Vector512<float> br1, Vector512<float> bz0, Vector512<float> bz1, Vector512<float> bn0, Vector512<float> bn1, ref float h, out Vector512<float> h0, out Vector512<float> h1)
    {
        var r0 = Activations.Sigmoid(ar0 + br0);
        var r1 = Activations.Sigmoid(ar1 + br1);
        var z0 = Activations.Sigmoid(az0 + bz0);
        var z1 = Activations.Sigmoid(az1 + bz1);
        var candidate0 = Activations.Tanh(MulAdd.Of(r0, bn0, an0));
        var candidate1 = Activations.Tanh(MulAdd.Of(r1, bn1, an1));
        h0 = MulAdd.Of(z0, Vector512.LoadUnsafe(ref h) - candidate0, candidate0);
        h1 = MulAdd.Of(z1, Vector512.LoadUnsafe(ref h, 16) - candidate1, candidate1);
        h0.StoreUnsafe(ref h);
        h1.StoreUnsafe(ref h, 16);
    }

    /// <summary>Lanes j … j + 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> GruPass16(ref float a, ref float b, ref float hRef, int n, int j)
    {
        var r = Activations.Sigmoid(Vector512.LoadUnsafe(ref a, (nuint)j) + Vector512.LoadUnsafe(ref b, (nuint)j));
        var z = Activations.Sigmoid(Vector512.LoadUnsafe(ref a, (nuint)(n + j)) + Vector512.LoadUnsafe(ref b, (nuint)(n + j)));
        var candidate = Activations.Tanh(MulAdd.Of(r, Vector512.LoadUnsafe(ref b, (nuint)((2 * n) + j)), Vector512.LoadUnsafe(ref a, (nuint)((2 * n) + j))));
        var hidden = MulAdd.Of(z, Vector512.LoadUnsafe(ref hRef, (nuint)j) - candidate, candidate);
        hidden.StoreUnsafe(ref hRef, (nuint)j);
        return hidden;
    }
}
