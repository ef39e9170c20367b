using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// z = clamp((x − mean) / std, ±<see cref="ChannelNormalization.InputClamp"/>), holding each channel's last finite value in place of
/// NaN or ±∞. Vector bodies (Vector512, Vector256) and the scalar tail do the same IEEE operations, so a value gets the
/// same bits wherever it falls; a batch normalises all its streams in one pass over planes of repeated mean and std.
/// </summary>
internal static class InputNormalizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Normalize(ReadOnlySpan<float> input, Span<float> lastInput, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> normalized)
    {
        int n = input.Length;
        if (lastInput.Length < n || mean.Length < n || std.Length < n || normalized.Length < n)
        {
            ThrowHelper.ThrowLength(nameof(normalized), n, Math.Min(Math.Min(lastInput.Length, normalized.Length), Math.Min(mean.Length, std.Length)));
        }

        ref float x = ref MemoryMarshal.GetReference(input);
        ref float last = ref MemoryMarshal.GetReference(lastInput);
        ref float m = ref MemoryMarshal.GetReference(mean);
        ref float s = ref MemoryMarshal.GetReference(std);
        ref float z = ref MemoryMarshal.GetReference(normalized);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var high = Vector512.Create(ChannelNormalization.InputClamp);
            for (; i + 16 <= n; i += 16)
            {
                var v = Vector512.LoadUnsafe(ref x, (nuint)i);
                v = Vector512.ConditionalSelect(Vector512.Equals(v - v, Vector512<float>.Zero), v, Vector512.LoadUnsafe(ref last, (nuint)i));
                v.StoreUnsafe(ref last, (nuint)i);
                var scaled = (v - Vector512.LoadUnsafe(ref m, (nuint)i)) / Vector512.LoadUnsafe(ref s, (nuint)i);
                Vector512.Max(Vector512.Min(scaled, high), -high).StoreUnsafe(ref z, (nuint)i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var high = Vector256.Create(ChannelNormalization.InputClamp);
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref x, (nuint)i);
                v = Vector256.ConditionalSelect(Vector256.Equals(v - v, Vector256<float>.Zero), v, Vector256.LoadUnsafe(ref last, (nuint)i));
                v.StoreUnsafe(ref last, (nuint)i);
                var scaled = (v - Vector256.LoadUnsafe(ref m, (nuint)i)) / Vector256.LoadUnsafe(ref s, (nuint)i);
                Vector256.Max(Vector256.Min(scaled, high), -high).StoreUnsafe(ref z, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            float v = input[i];
            if (float.IsFinite(v))
            {
                lastInput[i] = v;
            }
            else
            {
                v = lastInput[i];
            }

            normalized[i] = Math.Clamp((v - mean[i]) / std[i], -ChannelNormalization.InputClamp, ChannelNormalization.InputClamp);
        }
    }
}
