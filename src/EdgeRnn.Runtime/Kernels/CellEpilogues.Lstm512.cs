using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>The LSTM's Vector512 passes, and the LSTM followed by a one-output head in one kernel.</summary>
internal static partial class CellEpilogues
{
    /// <summary>
    /// <see cref="Lstm"/>, then y[0] = the one-output <paramref name="head"/> of h, exactly as <see cref="RowGemv.MultiplyAdd"/>
    /// and <see cref="DenseRow.End"/> compute it (eight partial sums over h's columns in ascending groups of eight).
    /// Where the Vector512 body covers all of h (H a multiple of 16) the partial sums are taken from the h registers as each
    /// pass produces them, so the head does not wait to read h back from memory; otherwise this is the separate calls.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void LstmThenDot(ReadOnlySpan<float> gates, Span<float> c, Span<float> h, DenseRow head, Span<float> y)
    {
        int n = h.Length;
        var w = head.Weights;
        if (!Vector512.IsHardwareAccelerated || !Vector256.IsHardwareAccelerated || n % 16 != 0 || w.Rows != 1 || w.Cols != n)
        {
            Lstm(gates, c, h);
            float bias = head.Bias;
            RowGemv.MultiplyAdd(w, h, new ReadOnlySpan<float>(in bias), y);
            y[0] = head.End(y[0]);
            return;
        }

        if (gates.Length < 4 * n || c.Length < n || y.IsEmpty)
        {
            ThrowHelper.ThrowKernelShape(n, 1, Math.Min(gates.Length / 4, c.Length), y.Length);
        }

        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        ref float wRef = ref w.Start;
        var s = Vector256<float>.Zero;
        int j = 0;
        for (; j + 32 <= n; j += 32)
        {
            LstmPass32(ref g, ref cRef, ref hRef, n, j, out var h0, out var h1);
            s = Dot32(ref Unsafe.Add(ref wRef, j), h0, h1, s);
        }

        if (j < n)
        {
            var h0 = LstmPass16(ref g, ref cRef, ref hRef, n, j);
            s = MulAdd.Of(Vector256.LoadUnsafe(ref wRef, (nuint)j), h0.GetLower(), s);
            s = MulAdd.Of(Vector256.LoadUnsafe(ref wRef, (nuint)(j + 8)), h0.GetUpper(), s);
        }

        y[0] = head.Finish(s);
    }

    /// <summary>Lanes j … j + 31, two vectors a pass: each lane's chain of dependent operations is long, and two chains side by side keep the core busy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LstmPass32(ref float g, ref float cRef, ref float hRef, int n, int j, out Vector512<float> h0, out Vector512<float> h1)
    {
        nuint k = (nuint)(j + 16);
        LstmPass32(
            Vector512.LoadUnsafe(ref g, (nuint)j),
            Vector512.LoadUnsafe(ref g, k),
            Vector512.LoadUnsafe(ref g, (nuint)(n + j)),
            Vector512.LoadUnsafe(ref g, (nuint)n + k),
            Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + j)),
            Vector512.LoadUnsafe(ref g, (nuint)(2 * n) + k),
            Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + j)),
            Vector512.LoadUnsafe(ref g, (nuint)(3 * n) + k),
            ref Unsafe.Add(ref cRef, j),
            ref Unsafe.Add(ref hRef, j),
            out h0,
            out h1);
    }

    /// <summary>32 lanes from gate registers (i, f, o, g, two vectors each); c and h at <paramref name="c"/> and <paramref name="h"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void LstmPass32(Vector512<float> i0, Vector512<float> i1, Vector512<float> f0, Vector512<float> f1, Vector512<float> o0, Vector512<float> o1, Vector512<float> g0, Vector512<float> g1, ref float c, ref float h, out Vector512<float> h0, out Vector512<float> h1)
    {
        var input0 = LstmActivations.SigmoidTimesTanh(i0, g0);
        var input1 = LstmActivations.SigmoidTimesTanh(i1, g1);
        var forget0 = LstmActivations.Sigmoid(f0);
        var forget1 = LstmActivations.Sigmoid(f1);
        var cell0 = MulAdd.Of(forget0, Vector512.LoadUnsafe(ref c), input0);
        var cell1 = MulAdd.Of(forget1, Vector512.LoadUnsafe(ref c, 16), input1);
        cell0.StoreUnsafe(ref c);
        cell1.StoreUnsafe(ref c, 16);
        h0 = LstmActivations.Hidden(o0, cell0);
        h1 = LstmActivations.Hidden(o1, cell1);
        h0.StoreUnsafe(ref h);
        h1.StoreUnsafe(ref h, 16);
    }

    /// <summary>A one-row head's eight partial sums <paramref name="s"/> carried on over 32 h values from registers, in RowGemv's order (see <see cref="LstmThenDot"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> Dot32(ref float w, Vector512<float> h0, Vector512<float> h1, Vector256<float> s)
    {
        s = MulAdd.Of(Vector256.LoadUnsafe(ref w), h0.GetLower(), s);
        s = MulAdd.Of(Vector256.LoadUnsafe(ref w, 8), h0.GetUpper(), s);
        s = MulAdd.Of(Vector256.LoadUnsafe(ref w, 16), h1.GetLower(), s);
        return MulAdd.Of(Vector256.LoadUnsafe(ref w, 24), h1.GetUpper(), s);
    }

    /// <summary>Lanes j … j + 15.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> LstmPass16(ref float g, ref float cRef, ref float hRef, int n, int j)
    {
        var input = LstmActivations.SigmoidTimesTanh(Vector512.LoadUnsafe(ref g, (nuint)j), Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + j)));
        var f = LstmActivations.Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)(n + j)));
        var cell = MulAdd.Of(f, Vector512.LoadUnsafe(ref cRef, (nuint)j), input);
        cell.StoreUnsafe(ref cRef, (nuint)j);
        var hidden = LstmActivations.Hidden(Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + j)), cell);
        hidden.StoreUnsafe(ref hRef, (nuint)j);
        return hidden;
    }
}
