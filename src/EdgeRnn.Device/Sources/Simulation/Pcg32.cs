namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>
/// The PCG32 generator (XSH-RR output, 64-bit LCG state; O'Neill 2014): small, fast and fixed, so a seed gives the same
/// stream on every runtime and machine, unlike System.Random whose algorithm may change between versions.
/// </summary>
internal sealed class Pcg32
{
    private const ulong Multiplier = 6364136223846793005UL;

    private readonly ulong _increment;
    private ulong _state;
    private double _spareGaussian = double.NaN;

    /// <summary>Creates a generator.</summary>
    /// <param name="seed">The seed; equal seeds give equal streams.</param>
    /// <param name="stream">Selects one of 2^63 independent streams.</param>
    public Pcg32(ulong seed, ulong stream = 0x14057B7EF767814FUL)
    {
        _increment = (stream << 1) | 1UL;
        _state = 0;
        NextUInt32();
        _state += seed;
        NextUInt32();
    }

    /// <summary>The next 32 random bits.</summary>
    /// <returns>A uniformly distributed value.</returns>
    public uint NextUInt32()
    {
        ulong old = _state;
        _state = unchecked((old * Multiplier) + _increment);
        uint xorShifted = (uint)(((old >> 18) ^ old) >> 27);
        int rotation = (int)(old >> 59);
        return (xorShifted >> rotation) | (xorShifted << ((-rotation) & 31));
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    /// <returns>The value.</returns>
    public double NextDouble()
    {
        ulong bits = ((ulong)NextUInt32() << 21) ^ (NextUInt32() >> 11);
        return bits * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal value (Box–Muller, the second value of each pair kept for the next call).</summary>
    /// <returns>The value, mean 0, standard deviation 1.</returns>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spareGaussian))
        {
            double spare = _spareGaussian;
            _spareGaussian = double.NaN;
            return spare;
        }

        double u1 = 1.0 - NextDouble();
        double u2 = NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareGaussian = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }
}
