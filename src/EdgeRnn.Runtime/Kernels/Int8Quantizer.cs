using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EdgeRnn.Runtime.Kernels;

/// <summary>
/// Symmetric per-vector quantization of activations: s = max|x| / 127, q = round_half_even(x / s) in [-127, 127]
/// (all zero with s = 0 when x is all zero). The kernels compute W·x ≈ s_w · s · (Wq·q).
/// </summary>
internal static class Int8Quantizer
{
    /// <summary>Quantizes x into q[..x.Length] and returns s; q's padding beyond x is left as it is (keep it zero).</summary>
    public static float Quantize(ReadOnlySpan<float> x, Span<sbyte> q)
    {
        if (x.IsEmpty)
        {
            return 0f;
        }

        float max = MathF.Abs(TensorPrimitives.MaxMagnitude(x));
        if (max == 0f || !float.IsFinite(max))
        {
            q[..x.Length].Clear();
            return 0f;
        }

        float inverse = 127f / max;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float xRef = ref MemoryMarshal.GetReference(x);
            ref sbyte qRef = ref MemoryMarshal.GetReference(q);
            var scale = Vector256.Create(inverse);
            for (; i + 16 <= x.Length; i += 16)
            {
                var lo = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref xRef, (nuint)i) * scale));
                var hi = Vector256.ConvertToInt32(Vector256.Round(Vector256.LoadUnsafe(ref xRef, (nuint)(i + 8)) * scale));
                var shorts = Vector256.Narrow(lo, hi);
                Vector256.Narrow(shorts, shorts).GetLower().StoreUnsafe(ref qRef, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            q[i] = (sbyte)Math.Clamp((int)MathF.Round(x[i] * inverse), -127, 127);
        }

        return 1f / inverse;
    }
}
