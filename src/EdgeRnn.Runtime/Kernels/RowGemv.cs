using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// y = init + W·x for a <see cref="PackedRowMatrix"/>: one dot product per row, the rows independent, so a head of a few
/// outputs is a few short multiply-add chains instead of one unit's long chain with most lanes idle. Contract:
/// <c>x.Length ≥ Cols</c>, init and y hold at least <c>Rows</c> values (they may be the same span).
/// </summary>
/// <remarks>
/// One order on every path: x is taken as zero beyond Cols; row r keeps eight partial sums s_j over the columns c ≡ j
/// (mod 8), each from zero in ascending c through <see cref="MulAdd"/>; then t_j = s_j + s_(j+4), dot = (t_0 + t_2) +
/// (t_1 + t_3), y = init + dot. Vector256 holds the eight sums in one register, Vector128 in two; <see cref="Scalar"/> is
/// the reference and agrees to the bit.
/// </remarks>
internal static class RowGemv
{
    private const int Lanes = PackedRowMatrix.Lanes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(PackedRowMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        if (x.Length < w.Cols || init.Length < w.Rows || y.Length < w.Rows)
        {
            ThrowHelper.ThrowKernelShape(w.Cols, w.Rows, x.Length, Math.Min(init.Length, y.Length));
        }

        if (Vector256.IsHardwareAccelerated)
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

    public static void Scalar(PackedRowMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        Span<float> s = stackalloc float[Lanes];
        ReadOnlySpan<float> data = w.Data;
        for (int r = 0; r < w.Rows; r++)
        {
            s.Clear();
            for (int c = 0; c < w.PaddedCols; c++)
            {
                s[c % Lanes] = MulAdd.Of(data[(r * w.PaddedCols) + c], c < w.Cols ? x[c] : 0f, s[c % Lanes]);
            }

            y[r] = init[r] + (((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7])));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector256Path(PackedRowMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        int whole = w.Cols / Lanes * Lanes;
        nuint stride = (nuint)w.PaddedCols;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var (tailLow, tailHigh) = whole < w.Cols ? Tail(x[whole..w.Cols]) : default;
        var tail = Vector256.Create(tailLow, tailHigh);
        int r = 0;
        for (; r + 4 <= w.Rows; r += 4)
        {
            // Four rows side by side: four independent chains, each x load serving four rows.
            ref float w0 = ref Unsafe.Add(ref w.Start, (nuint)r * stride);
            ref float w1 = ref Unsafe.Add(ref w0, stride);
            ref float w2 = ref Unsafe.Add(ref w1, stride);
            ref float w3 = ref Unsafe.Add(ref w2, stride);
            var a0 = Vector256<float>.Zero;
            var a1 = Vector256<float>.Zero;
            var a2 = Vector256<float>.Zero;
            var a3 = Vector256<float>.Zero;
            nuint c = 0;
            for (; c < (nuint)whole; c += Lanes)
            {
                var xc = Vector256.LoadUnsafe(ref xRef, c);
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, c), xc, a0);
                a1 = MulAdd.Of(Vector256.LoadUnsafe(ref w1, c), xc, a1);
                a2 = MulAdd.Of(Vector256.LoadUnsafe(ref w2, c), xc, a2);
                a3 = MulAdd.Of(Vector256.LoadUnsafe(ref w3, c), xc, a3);
            }

            if (c < (nuint)w.Cols)
            {
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, c), tail, a0);
                a1 = MulAdd.Of(Vector256.LoadUnsafe(ref w1, c), tail, a1);
                a2 = MulAdd.Of(Vector256.LoadUnsafe(ref w2, c), tail, a2);
                a3 = MulAdd.Of(Vector256.LoadUnsafe(ref w3, c), tail, a3);
            }

            Unsafe.Add(ref yRef, r) = Finish(Unsafe.Add(ref iRef, r), a0);
            Unsafe.Add(ref yRef, r + 1) = Finish(Unsafe.Add(ref iRef, r + 1), a1);
            Unsafe.Add(ref yRef, r + 2) = Finish(Unsafe.Add(ref iRef, r + 2), a2);
            Unsafe.Add(ref yRef, r + 3) = Finish(Unsafe.Add(ref iRef, r + 3), a3);
        }

        for (; r < w.Rows; r++)
        {
            ref float w0 = ref Unsafe.Add(ref w.Start, (nuint)r * stride);
            var a0 = Vector256<float>.Zero;
            nuint c = 0;
            for (; c < (nuint)whole; c += Lanes)
            {
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, c), Vector256.LoadUnsafe(ref xRef, c), a0);
            }

            if (c < (nuint)w.Cols)
            {
                a0 = MulAdd.Of(Vector256.LoadUnsafe(ref w0, c), tail, a0);
            }

            Unsafe.Add(ref yRef, r) = Finish(Unsafe.Add(ref iRef, r), a0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Vector128Path(PackedRowMatrix w, ReadOnlySpan<float> x, ReadOnlySpan<float> init, Span<float> y)
    {
        int whole = w.Cols / Lanes * Lanes;
        nuint stride = (nuint)w.PaddedCols;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float iRef = ref MemoryMarshal.GetReference(init);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        var (tailLow, tailHigh) = whole < w.Cols ? Tail(x[whole..w.Cols]) : default;
        int r = 0;
        for (; r + 2 <= w.Rows; r += 2)
        {
            // Two rows side by side, each in two registers: four independent chains.
            ref float w0 = ref Unsafe.Add(ref w.Start, (nuint)r * stride);
            ref float w1 = ref Unsafe.Add(ref w0, stride);
            var l0 = Vector128<float>.Zero;
            var h0 = Vector128<float>.Zero;
            var l1 = Vector128<float>.Zero;
            var h1 = Vector128<float>.Zero;
            nuint c = 0;
            for (; c < (nuint)whole; c += Lanes)
            {
                var xl = Vector128.LoadUnsafe(ref xRef, c);
                var xh = Vector128.LoadUnsafe(ref xRef, c + 4);
                l0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c), xl, l0);
                h0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c + 4), xh, h0);
                l1 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, c), xl, l1);
                h1 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, c + 4), xh, h1);
            }

            if (c < (nuint)w.Cols)
            {
                l0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c), tailLow, l0);
                h0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c + 4), tailHigh, h0);
                l1 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, c), tailLow, l1);
                h1 = MulAdd.Of(Vector128.LoadUnsafe(ref w1, c + 4), tailHigh, h1);
            }

            Unsafe.Add(ref yRef, r) = Unsafe.Add(ref iRef, r) + Sum(l0 + h0);
            Unsafe.Add(ref yRef, r + 1) = Unsafe.Add(ref iRef, r + 1) + Sum(l1 + h1);
        }

        if (r < w.Rows)
        {
            ref float w0 = ref Unsafe.Add(ref w.Start, (nuint)r * stride);
            var l0 = Vector128<float>.Zero;
            var h0 = Vector128<float>.Zero;
            nuint c = 0;
            for (; c < (nuint)whole; c += Lanes)
            {
                l0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c), Vector128.LoadUnsafe(ref xRef, c), l0);
                h0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c + 4), Vector128.LoadUnsafe(ref xRef, c + 4), h0);
            }

            if (c < (nuint)w.Cols)
            {
                l0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c), tailLow, l0);
                h0 = MulAdd.Of(Vector128.LoadUnsafe(ref w0, c + 4), tailHigh, h0);
            }

            Unsafe.Add(ref yRef, r) = Unsafe.Add(ref iRef, r) + Sum(l0 + h0);
        }
    }

    /// <summary>The last, partial group of eight columns' x followed by zeros (kept out of line: it needs a stack buffer).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Vector128<float> Low, Vector128<float> High) Tail(ReadOnlySpan<float> last)
    {
        Span<float> tail = stackalloc float[Lanes];
        tail.Clear();
        last.CopyTo(tail);
        return (Vector128.Create(tail[..4]), Vector128.Create(tail[4..]));
    }

    /// <summary>init + the row's eight partial sums <paramref name="s"/> (one Vector256), in the order of the remarks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Finish(float init, Vector256<float> s) => init + Sum(s.GetLower() + s.GetUpper());

    /// <summary>(t_0 + t_2) + (t_1 + t_3).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sum(Vector128<float> t)
    {
        var u = t + Vector128.Shuffle(t, Vector128.Create(2, 3, 0, 1));
        return u.ToScalar() + u.GetElement(1);
    }
}
