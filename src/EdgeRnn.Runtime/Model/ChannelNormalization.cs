namespace EdgeRnn.Runtime.Model;

/// <summary>
/// Per-channel affine normalisation. Inputs are normalised as z = clamp((x − mean) / std, ±<see cref="InputClamp"/>) before
/// the first layer; outputs are mapped back as y = z · std + mean after the head.
/// </summary>
public sealed class ChannelNormalization
{
    /// <summary>The largest magnitude a normalised input may have, in standard deviations.</summary>
    public const float InputClamp = 1e4f;

    private readonly float[] _mean;
    private readonly float[] _std;

    /// <summary>Creates a normalisation.</summary>
    /// <param name="mean">One finite mean per channel (copied).</param>
    /// <param name="std">One finite, strictly positive standard deviation per channel (copied).</param>
    /// <exception cref="ArgumentException">The lengths differ, a mean is not finite, or a std is not finite and positive.</exception>
    public ChannelNormalization(ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        Vectors.CheckFinite(mean, mean.Length, nameof(mean));
        Vectors.CheckFinite(std, mean.Length, nameof(std));
        for (int i = 0; i < std.Length; i++)
        {
            if (std[i] <= 0)
            {
                throw new ArgumentException($"Expected a positive standard deviation; found {std[i]} for channel {i}.", nameof(std));
            }
        }

        _mean = mean.ToArray();
        _std = std.ToArray();
    }

    /// <summary>The number of channels.</summary>
    public int Count => _mean.Length;

    /// <summary>Per-channel means.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>Per-channel standard deviations.</summary>
    public ReadOnlySpan<float> Std => _std;

    /// <summary>The identity normalisation (mean 0, std 1) over <paramref name="channels"/> channels.</summary>
    /// <param name="channels">Channel count, ≥ 0.</param>
    /// <returns>The identity.</returns>
    public static ChannelNormalization Identity(int channels)
    {
        var ones = new float[channels];
        Array.Fill(ones, 1f);
        return new ChannelNormalization(new float[channels], ones);
    }

    /// <summary>Whether every mean is 0 and every std is 1.</summary>
    public bool IsIdentity
    {
        get
        {
            for (int i = 0; i < _mean.Length; i++)
            {
                if (_mean[i] != 0f || _std[i] != 1f)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
