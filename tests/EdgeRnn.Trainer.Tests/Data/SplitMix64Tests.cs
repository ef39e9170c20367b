using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class SplitMix64Tests
{
    [Fact]
    public void NextUInt64_SeedZero_MatchesReferenceSequence()
    {
        var rng = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, rng.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, rng.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, rng.NextUInt64());
    }

    [Fact]
    public void NextInt_Bound_StaysInRangeAndCoversIt()
    {
        var rng = new SplitMix64(5);
        var seen = new bool[7];
        for (int i = 0; i < 1000; i++)
        {
            int v = rng.NextInt(7);
            Assert.InRange(v, 0, 6);
            seen[v] = true;
        }

        Assert.All(seen, Assert.True);
    }

    [Fact]
    public void Shuffle_IsPermutationAndDeterministic()
    {
        int[] a = Enumerable.Range(0, 50).ToArray();
        int[] b = Enumerable.Range(0, 50).ToArray();
        SplitMix64.ForStream(9, 1).Shuffle(a.AsSpan());
        SplitMix64.ForStream(9, 1).Shuffle(b.AsSpan());
        Assert.Equal(a, b);
        Assert.NotEqual(Enumerable.Range(0, 50), a);
        Assert.Equal(Enumerable.Range(0, 50), a.Order());
    }
}
