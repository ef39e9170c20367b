using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// The element-wise ends of the cells, fused into one pass over contiguous gate slices (Vector512 body where AVX-512 is
/// there, Vector&lt;float&gt; body, scalar tail, all with the same maths). Gate buffers hold blocks of H values; LSTM blocks are ordered i, f, o, g.
/// </summary>
internal static class CellEpilogues
{
    /// <summary>LSTM: c = σ(f)·c + σ(i)·tanh(g); h = σ(o)·tanh(c).</summary>
    public static void Lstm(ReadOnlySpan<float> gates, Span<float> c, Span<float> h)
    {
        int n = h.Length;
        ref float g = ref MemoryMarshal.GetReference(gates);
        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= n; j += 16)
            {
                var i = Activations.Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)j));
                var f = Activations.Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)(n + j)));
                var o = Activations.Sigmoid(Vector512.LoadUnsafe(ref g, (nuint)((2 * n) + j)));
                var candidate = Activations.Tanh(Vector512.LoadUnsafe(ref g, (nuint)((3 * n) + j)));
                var cell = Vector512.FusedMultiplyAdd(f, Vector512.LoadUnsafe(ref cRef, (nuint)j), i * candidate);
                cell.StoreUnsafe(ref cRef, (nuint)j);
                (o * Activations.Tanh(cell)).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; j + width <= n; j += width)
            {
                var i = Activations.Sigmoid(Load(ref g, j));
                var f = Activations.Sigmoid(Load(ref g, n + j));
                var o = Activations.Sigmoid(Load(ref g, (2 * n) + j));
                var candidate = Activations.Tanh(Load(ref g, (3 * n) + j));
                var cell = Vector.FusedMultiplyAdd(f, Load(ref cRef, j), i * candidate);
                Store(cell, ref cRef, j);
                Store(o * Activations.Tanh(cell), ref hRef, j);
            }
        }

        for (; j < n; j++)
        {
            float i = Activations.Sigmoid(gates[j]);
            float f = Activations.Sigmoid(gates[n + j]);
            float o = Activations.Sigmoid(gates[(2 * n) + j]);
            float candidate = Activations.Tanh(gates[(3 * n) + j]);
            float cell = MathF.FusedMultiplyAdd(f, c[j], i * candidate);
            c[j] = cell;
            h[j] = o * Activations.Tanh(cell);
        }
    }

    /// <summary>GRU: r = σ(a_r + b_r), z = σ(a_z + b_z), n = tanh(a_n + r·b_n), h = n + z·(h − n); a = input side, b = recurrent side.</summary>
    public static void Gru(ReadOnlySpan<float> input, ReadOnlySpan<float> recurrent, Span<float> h)
    {
        int n = h.Length;
        ref float a = ref MemoryMarshal.GetReference(input);
        ref float b = ref MemoryMarshal.GetReference(recurrent);
        ref float hRef = ref MemoryMarshal.GetReference(h);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; j + 16 <= n; j += 16)
            {
                var r = Activations.Sigmoid(Vector512.LoadUnsafe(ref a, (nuint)j) + Vector512.LoadUnsafe(ref b, (nuint)j));
                var z = Activations.Sigmoid(Vector512.LoadUnsafe(ref a, (nuint)(n + j)) + Vector512.LoadUnsafe(ref b, (nuint)(n + j)));
                var candidate = Activations.Tanh(Vector512.FusedMultiplyAdd(r, Vector512.LoadUnsafe(ref b, (nuint)((2 * n) + j)), Vector512.LoadUnsafe(ref a, (nuint)((2 * n) + j))));
                Vector512.FusedMultiplyAdd(z, Vector512.LoadUnsafe(ref hRef, (nuint)j) - candidate, candidate).StoreUnsafe(ref hRef, (nuint)j);
            }
        }

        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<float>.Count;
            for (; j + width <= n; j += width)
            {
                var r = Activations.Sigmoid(Load(ref a, j) + Load(ref b, j));
                var z = Activations.Sigmoid(Load(ref a, n + j) + Load(ref b, n + j));
                var candidate = Activations.Tanh(Vector.FusedMultiplyAdd(r, Load(ref b, (2 * n) + j), Load(ref a, (2 * n) + j)));
                Store(Vector.FusedMultiplyAdd(z, Load(ref hRef, j) - candidate, candidate), ref hRef, j);
            }
        }

        for (; j < n; j++)
        {
            float r = Activations.Sigmoid(input[j] + recurrent[j]);
            float z = Activations.Sigmoid(input[n + j] + recurrent[n + j]);
            float candidate = Activations.Tanh(MathF.FusedMultiplyAdd(r, recurrent[(2 * n) + j], input[(2 * n) + j]));
            h[j] = MathF.FusedMultiplyAdd(z, h[j] - candidate, candidate);
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float source, int offset) => Vector.LoadUnsafe(ref source, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector<float> value, ref float destination, int offset) => value.StoreUnsafe(ref destination, (nuint)offset);
}
