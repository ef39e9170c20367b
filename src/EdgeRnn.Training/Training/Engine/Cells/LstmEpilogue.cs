using System.Numerics;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Training.Training.Engine.Cells;

/// <summary>The element-wise part of the LSTM's backward pass, one window row at a time, in <see cref="Vector{T}"/> blocks with a scalar tail.</summary>
internal static class LstmEpilogue
{
    /// <summary>
    /// LSTM backward for one row: dh_t = dOut + dh; dc_t = dc + dh_t ⊙ o ⊙ (1 − tanh²c); dc ← dc_t ⊙ f; and the
    /// pre-activation gradients [dc_t ⊙ g ⊙ i(1 − i), dc_t ⊙ c_prev ⊙ f(1 − f), dc_t ⊙ i ⊙ (1 − g²), dh_t ⊙ tanh c ⊙ o(1 − o)].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<T>(
        ReadOnlySpan<T> gates, Span<T> gateGrad, ReadOnlySpan<T> cPrev, ReadOnlySpan<T> tanhC, ReadOnlySpan<T> dOut, ReadOnlySpan<T> dh, Span<T> dc, int h)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var one = Vector<T>.One;
            for (; j + Vector<T>.Count <= h; j += Vector<T>.Count)
            {
                var dht = new Vector<T>(dOut[j..]) + new Vector<T>(dh[j..]);
                var i = new Vector<T>(gates[j..]);
                var f = new Vector<T>(gates[(h + j)..]);
                var g = new Vector<T>(gates[((2 * h) + j)..]);
                var o = new Vector<T>(gates[((3 * h) + j)..]);
                var tc = new Vector<T>(tanhC[j..]);
                var dct = new Vector<T>(dc[j..]) + (dht * o * (one - (tc * tc)));
                (dct * f).CopyTo(dc[j..]);
                (dct * g * i * (one - i)).CopyTo(gateGrad[j..]);
                (dct * new Vector<T>(cPrev[j..]) * f * (one - f)).CopyTo(gateGrad[(h + j)..]);
                (dct * i * (one - (g * g))).CopyTo(gateGrad[((2 * h) + j)..]);
                (dht * tc * o * (one - o)).CopyTo(gateGrad[((3 * h) + j)..]);
            }
        }

        T unit = T.One;
        for (; j < h; j++)
        {
            T dht = dOut[j] + dh[j];
            T i = gates[j], f = gates[h + j], g = gates[(2 * h) + j], o = gates[(3 * h) + j];
            T tc = tanhC[j];
            T dct = dc[j] + (dht * o * (unit - (tc * tc)));
            dc[j] = dct * f;
            gateGrad[j] = dct * g * i * (unit - i);
            gateGrad[h + j] = dct * cPrev[j] * f * (unit - f);
            gateGrad[(2 * h) + j] = dct * i * (unit - (g * g));
            gateGrad[(3 * h) + j] = dht * tc * o * (unit - o);
        }
    }
}
