using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Tests.Sources.Simulation;

public class Pcg32Tests
{
    [Fact]
    public void NextUInt32_Seed42Stream54_MatchesThePcgReferenceDemo()
    {
        // pcg32-demo from the PCG reference C implementation: pcg32_srandom_r(&rng, 42u, 54u).
        var random = new Pcg32(42, 54);

        uint[] values = [.. Enumerable.Range(0, 6).Select(_ => random.NextUInt32())];

        Assert.Equal([0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu], values);
    }

    [Fact]
    public void NextGaussian_ManyValues_HaveMeanZeroAndUnitDeviation()
    {
        var random = new Pcg32(3);
        double[] values = [.. Enumerable.Range(0, 100_000).Select(_ => random.NextGaussian())];
        double mean = values.Average();
        double deviation = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());

        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(deviation, 0.98, 1.02);
    }
}
