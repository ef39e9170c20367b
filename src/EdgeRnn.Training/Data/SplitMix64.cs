namespace EdgeRnn.Training.Data;

/// <summary>
/// The SplitMix64 generator (Steele, Lea and Flood, 2014): a 64-bit counter stepped by the golden-ratio increment and
/// scrambled by a fixed mix. Small, fast, and the same on every platform and .NET version, unlike System.Random.
/// </summary>
internal struct SplitMix64
{
    private const ulong Increment = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">Any value.</param>
    public SplitMix64(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A generator for one numbered stream of a seed (for example one epoch), independent of the others.</summary>
    /// <param name="seed">The run's seed.</param>
    /// <param name="stream">The stream number.</param>
    /// <returns>The generator.</returns>
    public static SplitMix64 ForStream(ulong seed, ulong stream) => new(Mix(seed ^ Mix(stream + Increment)));

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public ulong NextUInt64()
    {
        _state += Increment;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without modulo bias (Lemire's method).</summary>
    /// <param name="bound">The exclusive upper bound, ≥ 1.</param>
    /// <returns>The integer.</returns>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ulong range = (ulong)bound;
        ulong threshold = (0UL - range) % range;
        while (true)
        {
            ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
            if (low >= threshold)
            {
                return (int)product;
            }
        }
    }

    /// <summary>Shuffles in place (Fisher–Yates).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The items.</param>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
