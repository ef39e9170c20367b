using EdgeRnn.Trainer.Commands.Train;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Commands.Train;

/// <summary>Temperature and top-k sampling (<see cref="TextSampler.Draw"/>).</summary>
public sealed class TextSamplerTests
{
    [Fact]
    public void Draw_TopKOne_IsTheArgMaxWhateverTheSeedAndTemperature()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 300; trial++)
        {
            var logits = Enumerable.Range(0, 1 + random.Next(40)).Select(_ => (float)Math.Round(random.NextDouble() * 6 - 3, 1)).ToArray();
            int argMax = Array.IndexOf(logits, logits.Max());
            var draws = new SplitMix64((ulong)trial);

            int drawn = TextSampler.Draw(logits, temperature: 0.2 + (3 * random.NextDouble()), topK: 1, ref draws);

            Assert.Equal(argMax, drawn);
        }
    }

    [Fact]
    public void Draw_TopKThree_DrawsOnlyTheThreeMostLikely_EachOfThem()
    {
        float[] logits = [0.5f, 2.0f, 1.9f, -1f, 1.8f, 0.1f, 1.7f];
        var seen = new int[logits.Length];
        for (ulong seed = 0; seed < 3000; seed++)
        {
            var draws = new SplitMix64(seed);
            seen[TextSampler.Draw(logits, 1.0, topK: 3, ref draws)]++;
        }

        Assert.Equal(3000, seen[1] + seen[2] + seen[4]);
        Assert.All(new[] { 1, 2, 4 }, i => Assert.True(seen[i] > 600, $"class {i} drawn {seen[i]} times"));

        // Renormalised over the three: p(1) = e^0.2 / (e^0.2 + e^0.1 + 1) = 0.367.
        Assert.InRange(seen[1] / 3000.0, 0.367 - 0.04, 0.367 + 0.04);
    }

    [Fact]
    public void Draw_TiesAtTheKthLogit_KeepTheLowerIndices()
    {
        float[] logits = [1f, 3f, 1f, 1f, 2f];
        for (ulong seed = 0; seed < 500; seed++)
        {
            var draws = new SplitMix64(seed);
            int drawn = TextSampler.Draw(logits, 5.0, topK: 3, ref draws);
            Assert.Contains(drawn, new[] { 0, 1, 4 });
        }
    }

    [Fact]
    public void Draw_TopKZeroOrAtLeastTheClasses_IsTheFullSoftmax_AndDeterministicPerSeed()
    {
        float[] logits = [0.3f, -0.2f, 1.1f, 0.9f];
        for (ulong seed = 0; seed < 200; seed++)
        {
            var a = new SplitMix64(seed);
            var b = new SplitMix64(seed);
            var c = new SplitMix64(seed);
            int all = TextSampler.Draw(logits, 0.8, 0, ref a);
            Assert.Equal(all, TextSampler.Draw(logits, 0.8, 4, ref b));
            Assert.Equal(all, TextSampler.Draw(logits, 0.8, 99, ref c));
        }
    }
}
