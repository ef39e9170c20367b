using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// Small dense algebra on two spans of equal length for the decoder's attention: the dot product a · b and the update
/// y += s·a. Vector256 where accelerated, else Vector128 (NEON on ARM64), scalar tail; <see cref="DotScalar"/> and
/// <see cref="MultiplyAddScalar"/> are the references. The dot product's vector paths sum in lanes, then across them, so
/// their last bits may differ from the scalar order; <c>y += s·a</c> is element-wise and the same on every path.
/// </summary>
internal static class SpanAlgebra
{
    /// <summary>Σ a[i]·b[i] over the length of <paramref name="a"/> (<paramref name="b"/> at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int n = a.Length;
        if (b.Length < n)
        {
            ThrowHelper.ThrowLength(nameof(b), n, b.Length);
        }

        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float br = ref MemoryMarshal.GetReference(b);
        int i = 0;
        float sum = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                acc = MulAdd.Of(Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref br, (nuint)i), acc);
            }

            sum = Vector128.Sum(acc.GetLower() + acc.GetUpper());
        }
        else if (Vector128.IsHardwareAccelerated && n >= 4)
        {
            var acc = Vector128<float>.Zero;
            for (; i + 4 <= n; i += 4)
            {
                acc = MulAdd.Of(Vector128.LoadUnsafe(ref ar, (nuint)i), Vector128.LoadUnsafe(ref br, (nuint)i), acc);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < n; i++)
        {
            sum = MulAdd.Of(a[i], b[i], sum);
        }

        return sum;
    }

    /// <summary>y[i] += s·a[i] over the length of <paramref name="a"/> (<paramref name="y"/> at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void MultiplyAdd(ReadOnlySpan<float> a, float s, Span<float> y)
    {
        int n = a.Length;
        if (y.Length < n)
        {
            ThrowHelper.ThrowLength(nameof(y), n, y.Length);
        }

        ref float ar = ref MemoryMarshal.GetReference(a);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var sv = Vector256.Create(s);
            for (; i + 8 <= n; i += 8)
            {
                MulAdd.Of(sv, Vector256.LoadUnsafe(ref ar, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            var sv = Vector128.Create(s);
            for (; i + 4 <= n; i += 4)
            {
                MulAdd.Of(sv, Vector128.LoadUnsafe(ref ar, (nuint)i), Vector128.LoadUnsafe(ref yr, (nuint)i)).StoreUnsafe(ref yr, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            y[i] = MulAdd.Of(s, a[i], y[i]);
        }
    }

    /// <summary>The reference of <see cref="Dot"/>: one scalar sum in index order.</summary>
    public static float DotScalar(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum = MulAdd.Of(a[i], b[i], sum);
        }

        return sum;
    }

    /// <summary>The reference of <see cref="MultiplyAdd"/>.</summary>
    public static void MultiplyAddScalar(ReadOnlySpan<float> a, float s, Span<float> y)
    {
        for (int i = 0; i < a.Length; i++)
        {
            y[i] = MulAdd.Of(s, a[i], y[i]);
        }
    }
}
