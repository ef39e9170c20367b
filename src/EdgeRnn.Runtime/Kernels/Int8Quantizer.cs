using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// Symmetric per-vector quantization of activations: s = max|x| / 127, q = round_half_even(x / s) in [-127, 127]
/// (all zero with s = 0 when x is all zero). The kernels compute W·x ≈ s_w · s · (Wq·q).
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>Quantizes x into q[..x.Length] and returns s; q's padding beyond x is left as it is (keep it zero).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Quantize(ReadOnlySpan<float> x, Span<sbyte> q)
    {
        if (q.Length < x.Length)
        {
            ThrowHelper.ThrowLength(nameof(q), x.Length, q.Length);
        }

        float max = MaxAbs(x);
        if (max == 0f || !float.IsFinite(max))
        {
            q[..x.Length].Clear();
            return 0f;
        }

        float inverse = 127f / max;
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref sbyte qRef = ref MemoryMarshal.GetReference(q);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(inverse);
            for (; i + 64 <= x.Length; i += 64)
            {
                var a = Vector512.Narrow(Convert(Vector512.LoadUnsafe(ref xRef, (nuint)i), scale), Convert(Vector512.LoadUnsafe(ref xRef, (nuint)(i + 16)), scale));
                var b = Vector512.Narrow(Convert(Vector512.LoadUnsafe(ref xRef, (nuint)(i + 32)), scale), Convert(Vector512.LoadUnsafe(ref xRef, (nuint)(i + 48)), scale));
                Vector512.Narrow(a, b).StoreUnsafe(ref qRef, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var scale = Vector256.Create(inverse);
            for (; i + 16 <= x.Length; i += 16)
            {
                var lo = Vector256.ConvertToInt32Native(Vector256.Round(Vector256.LoadUnsafe(ref xRef, (nuint)i) * scale));
                var hi = Vector256.ConvertToInt32Native(Vector256.Round(Vector256.LoadUnsafe(ref xRef, (nuint)(i + 8)) * scale));
                var shorts = Vector256.Narrow(lo, hi);
                Vector256.Narrow(shorts, shorts).GetLower().StoreUnsafe(ref qRef, (nuint)i);
            }

            if (i + 8 <= x.Length)
            {
                var lo = Vector256.ConvertToInt32Native(Vector256.Round(Vector256.LoadUnsafe(ref xRef, (nuint)i) * scale));
                var shorts = Vector256.Narrow(lo, lo);
                long bytes = Vector256.Narrow(shorts, shorts).AsInt64().GetElement(0);
                Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref Unsafe.Add(ref qRef, i)), bytes);
                i += 8;
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            // NEON on ARM64 (a Raspberry Pi), SSE on x64 without AVX2; also the tails of the wider paths. Bumped
            // references: no index arithmetic per load.
            var scale = Vector128.Create(inverse);
            ref float xs = ref Unsafe.Add(ref xRef, i);
            ref sbyte qs = ref Unsafe.Add(ref qRef, i);
            for (; i + 16 <= x.Length; i += 16)
            {
                var a = Vector128.Narrow(Convert(Vector128.LoadUnsafe(ref xs), scale), Convert(Vector128.LoadUnsafe(ref xs, 4), scale));
                var b = Vector128.Narrow(Convert(Vector128.LoadUnsafe(ref xs, 8), scale), Convert(Vector128.LoadUnsafe(ref xs, 12), scale));
                Vector128.Narrow(a, b).StoreUnsafe(ref qs);
                xs = ref Unsafe.Add(ref xs, 16);
                qs = ref Unsafe.Add(ref qs, 16);
            }

            if (i + 4 <= x.Length)
            {
                // Up to three groups of four (an input of 4, 8 or 12 values, or the end of a longer one), four bytes each.
                for (; i + 4 <= x.Length; i += 4)
                {
                    var shorts = Vector128.Narrow(Convert(Vector128.LoadUnsafe(ref xs), scale), Vector128<int>.Zero);
                    int bytes = Vector128.Narrow(shorts, shorts).AsInt32().ToScalar();
                    Unsafe.WriteUnaligned(ref Unsafe.As<sbyte, byte>(ref qs), bytes);
                    xs = ref Unsafe.Add(ref xs, 4);
                    qs = ref Unsafe.Add(ref qs, 4);
                }
            }
        }

        for (; i < x.Length; i++)
        {
            q[i] = (sbyte)(int)MathF.Round(x[i] * inverse);
        }

        return 1f / inverse;
    }

    /// <summary>max |x_i| (0 for an empty x); NaN if any x_i is NaN.</summary>
    public static float MaxAbs(ReadOnlySpan<float> x)
    {
        ref float xRef = ref MemoryMarshal.GetReference(x);
        int i = 0;
        float max = 0f;
        if (Vector512.IsHardwareAccelerated && x.Length >= 16)
        {
            var m = Vector512<float>.Zero;
            for (; i + 16 <= x.Length; i += 16)
            {
                m = Vector512.Max(m, Vector512.Abs(Vector512.LoadUnsafe(ref xRef, (nuint)i)));
            }

            var half = Vector256.Max(m.GetLower(), m.GetUpper());
            max = Horizontal(Vector128.Max(half.GetLower(), half.GetUpper()));
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            var m = Vector256<float>.Zero;
            for (; i + 8 <= x.Length; i += 8)
            {
                m = Vector256.Max(m, Vector256.Abs(Vector256.LoadUnsafe(ref xRef, (nuint)i)));
            }

            max = Horizontal(Vector128.Max(m.GetLower(), m.GetUpper()));
        }
        else if (Vector128.IsHardwareAccelerated && x.Length >= 4)
        {
            // Four running maxima over 16 values a step, so the loop is not held to one Max's latency per 4 values
            // (max is exact in any order; a NaN anywhere still gives NaN).
            var m = Vector128<float>.Zero;
            var m1 = Vector128<float>.Zero;
            var m2 = Vector128<float>.Zero;
            var m3 = Vector128<float>.Zero;
            ref float xs = ref xRef;
            for (; i + 16 <= x.Length; i += 16)
            {
                m = Vector128.Max(m, Vector128.Abs(Vector128.LoadUnsafe(ref xs)));
                m1 = Vector128.Max(m1, Vector128.Abs(Vector128.LoadUnsafe(ref xs, 4)));
                m2 = Vector128.Max(m2, Vector128.Abs(Vector128.LoadUnsafe(ref xs, 8)));
                m3 = Vector128.Max(m3, Vector128.Abs(Vector128.LoadUnsafe(ref xs, 12)));
                xs = ref Unsafe.Add(ref xs, 16);
            }

            for (; i + 4 <= x.Length; i += 4)
            {
                m = Vector128.Max(m, Vector128.Abs(Vector128.LoadUnsafe(ref xs)));
                xs = ref Unsafe.Add(ref xs, 4);
            }

            max = Horizontal(Vector128.Max(Vector128.Max(m, m1), Vector128.Max(m2, m3)));
        }

        for (; i < x.Length; i++)
        {
            float v = MathF.Abs(x[i]);
            max = float.IsNaN(v) ? v : MathF.Max(max, v);
        }

        return max;
    }

    private static float Horizontal(Vector128<float> v) => MathF.Max(MathF.Max(v[0], v[1]), MathF.Max(v[2], v[3]));

    private static Vector512<int> Convert(Vector512<float> x, Vector512<float> scale) => Vector512.ConvertToInt32Native(Vector512.Round(x * scale));

    /// <summary>
    /// round_half_even(x · scale) as int32. On ARM64 one FCVTNS (round to nearest, ties to even, in the conversion)
    /// instead of FRINTN then FCVTZS: the same integers for every value here (|x · scale| ≤ 127 up to rounding), and
    /// half the work on the one vector pipe that converts (a Cortex-A76's V0).
    /// </summary>
    private static Vector128<int> Convert(Vector128<float> x, Vector128<float> scale) =>
        AdvSimd.IsSupported ? AdvSimd.ConvertToInt32RoundToEven(x * scale) : Vector128.ConvertToInt32Native(Vector128.Round(x * scale));
}
