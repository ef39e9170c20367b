using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The element-wise ends of the cells, fused into one pass over contiguous gate slices (Vector512 body where AVX-512 is
/// there, Vector&lt;float&gt; body — Vector256 and Vector128 for the ReLU — scalar tail, all with the same maths). Gate
/// buffers hold blocks of H values; LSTM blocks are ordered i, f, o, g.
/// </summary>
internal static partial class CellEpilogues
{
    /// <summary>LSTM: c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c) (each σ·tanh over one division, see <see cref="LstmActivations"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Lstm(ReadOnlySpan<float> gates, Span<float> c, Span<float> h)
    {
        int n = h.Length;
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 32 <= n; j += 32)
            {
                LstmPass32(ref g, ref cRef, ref hRef, n, j, out _, out _);
            }

            for (; j + 16 <= n; j += 16)
            {
                LstmPass16(ref g, ref cRef, ref hRef, n, j);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; j + width <= n; j += width)
            {
                var input = LstmActivations.SigmoidTimesTanh(Load(ref g, j), Load(ref g, (3 * n) + j));
                var f = LstmActivations.Sigmoid(Load(ref g, n + j));
                var cell = MulAdd.Of(f, Load(ref cRef, j), input);
                Store(cell, ref cRef, j);
                Store(LstmActivations.Hidden(Load(ref g, (2 * n) + j), cell), ref hRef, j);
            }
        }

        for (; j < n; j++)
        {
            float input = LstmActivations.SigmoidTimesTanh(gates[j], gates[(3 * n) + j]);
            float f = LstmActivations.Sigmoid(gates[n + j]);
            float cell = MulAdd.Of(f, c[j], input);
            c[j] = cell;
            h[j] = LstmActivations.Hidden(gates[(2 * n) + j], cell);
        }
    }

    /// <summary>GRU: r = σ(a_r + b_r), z = σ(a_z + b_z), n = tanh(a_n + r·b_n), h = n + z·(h − n); a = input side, b = recurrent side.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Gru(ReadOnlySpan<float> input, ReadOnlySpan<float> recurrent, Span<float> h)
    {
        int n = h.Length;
        ref float a = ref MemoryMarshal.GetReference(input);
        ref float b = ref MemoryMarshal.GetReference(recurrent);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 32 <= n; j += 32)
            {
                GruPass32(ref a, ref b, ref hRef, n, j, out _, out _);
            }

            for (; j + 16 <= n; j += 16)
            {
                GruPass16(ref a, ref b, ref hRef, n, j);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; j + width <= n; j += width)
            {
                var r = Activations.Sigmoid(Load(ref a, j) + Load(ref b, j));
                var z = Activations.Sigmoid(Load(ref a, n + j) + Load(ref b, n + j));
                var candidate = Activations.Tanh(MulAdd.Of(r, Load(ref b, (2 * n) + j), Load(ref a, (2 * n) + j)));
                Store(MulAdd.Of(z, Load(ref hRef, j) - candidate, candidate), ref hRef, j);
            }
        }

        for (; j < n; j++)
        {
            float r = Activations.Sigmoid(input[j] + recurrent[j]);
            float z = Activations.Sigmoid(input[n + j] + recurrent[n + j]);
            float candidate = Activations.Tanh(MulAdd.Of(r, recurrent[(2 * n) + j], input[(2 * n) + j]));
            h[j] = MulAdd.Of(z, h[j] - candidate, candidate);
        }
    }

    /// <summary>Elman RNN: h = tanh(a).</summary>
    public static void Tanh(ReadOnlySpan<float> a, Span<float> h)
    {
        int n = h.Length;
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= n; j += 16)
            {
                Activations.Tanh(Vector512.LoadUnsafe(ref aRef, (nuint)j)).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            for (; j + Vector<float>.Count <= n; j += Vector<float>.Count)
            {
                Store(Activations.Tanh(Load(ref aRef, j)), ref hRef, j);
            }
        }

        for (; j < n; j++)
        {
            h[j] = Activations.Tanh(a[j]);
        }
    }

    /// <summary>
    /// Elman RNN with ReLU: h = max(a, 0) as IEEE 754 maximum (<c>MathF.Max(a, 0)</c>): a NaN stays that NaN, −0 and every
    /// negative become +0. Computed as a &amp; ~(a ≤ 0), a compare and a mask on every instruction set.
    /// </summary>
    public static void Relu(ReadOnlySpan<float> a, Span<float> h)
    {
        int n = h.Length;
        a = a[..n];
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + Vector512<float>.Count <= n; j += Vector512<float>.Count)
            {
                var x = Vector512.LoadUnsafe(ref aRef, (nuint)j);
                Vector512.AndNot(x, Vector512.LessThanOrEqual(x, Vector512<float>.Zero)).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + Vector256<float>.Count <= n; j += Vector256<float>.Count)
            {
                var x = Vector256.LoadUnsafe(ref aRef, (nuint)j);
                Vector256.AndNot(x, Vector256.LessThanOrEqual(x, Vector256<float>.Zero)).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + Vector128<float>.Count <= n; j += Vector128<float>.Count)
            {
                var x = Vector128.LoadUnsafe(ref aRef, (nuint)j);
                Vector128.AndNot(x, Vector128.LessThanOrEqual(x, Vector128<float>.Zero)).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        for (; j < n; j++)
        {
            h[j] = Relu(a[j]);
        }
    }

    /// <summary>The scalar ReLU of <see cref="Relu(ReadOnlySpan{float}, Span{float})"/>: +0 where a ≤ 0 (−0 included), a elsewhere (NaN included).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Relu(float a) => a <= 0f ? 0f : a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float source, int offset) => Vector.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);
}
