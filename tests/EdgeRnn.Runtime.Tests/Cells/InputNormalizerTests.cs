using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class InputNormalizerTests
{
    [Fact]
    public void Normalize_EveryLength_BitIdenticalToScalarFormula()
    {
        var random = new Random(41);
        float[] specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f, 0f, -0f];
        for (int n = 0; n <= 257; n++)
        {
            var x = new float[n];
            var last = new float[n];
            var mean = new float[n];
            var std = new float[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = random.Next(6) == 0 ? specials[random.Next(specials.Length)] : (float)((random.NextDouble() - 0.5) * 100);
                last[i] = (float)(random.NextDouble() - 0.5);
                mean[i] = random.Next(8) == 0 ? -3e38f : (float)((random.NextDouble() - 0.5) * 4);
                std[i] = random.Next(8) == 0 ? 1e-30f : (float)(random.NextDouble() + 0.01);
            }

            var expectedLast = (float[])last.Clone();
            var expected = new float[n];
            for (int i = 0; i < n; i++)
            {
                float v = float.IsFinite(x[i]) ? x[i] : expectedLast[i];
                expectedLast[i] = v;
                expected[i] = Math.Clamp((v - mean[i]) / std[i], -ChannelNormalization.InputClamp, ChannelNormalization.InputClamp);
            }

            var actual = new float[n];
            InputNormalizer.Normalize(x, last, mean, std, actual);
            for (int i = 0; i < n; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"n {n} z[{i}]: {actual[i]} vs {expected[i]} (x {x[i]})");
                Assert.True(BitConverter.SingleToInt32Bits(expectedLast[i]) == BitConverter.SingleToInt32Bits(last[i]), $"n {n} last[{i}]");
            }
        }
    }
}
