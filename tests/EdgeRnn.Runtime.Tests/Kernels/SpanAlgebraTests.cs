using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public sealed class SpanAlgebraTests
{
    [Fact]
    public void Dot_EveryLength0To257_WithinRoundingOfTheFloat64SumAndOfTheScalarReference()
    {
        var random = new Random(3);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Values(random, n);
            float[] b = Values(random, n + 3);   // longer than a: only a's length counts
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                exact += (double)a[i] * b[i];
                magnitude += Math.Abs((double)a[i] * b[i]);
            }

            double bound = (n + 1) * 1.2e-7 * magnitude;
            float vector = SpanAlgebra.Dot(a, b);
            float scalar = SpanAlgebra.DotScalar(a, b);
            Assert.True(Math.Abs(vector - exact) <= bound, $"n = {n}: Dot {vector:R}, exact {exact:R}, bound {bound:E2}");
            Assert.True(Math.Abs(scalar - exact) <= bound, $"n = {n}: DotScalar {scalar:R}, exact {exact:R}, bound {bound:E2}");
        }
    }

    [Fact]
    public void MultiplyAdd_EveryLength0To257_BitIdenticalToTheScalarReferenceAndLeavesTheRest()
    {
        var random = new Random(4);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Values(random, n);
            float s = (float)(random.NextDouble() * 4 - 2);
            float[] y = Values(random, n + 5);
            float[] expected = (float[])y.Clone();
            SpanAlgebra.MultiplyAddScalar(a, s, expected);

            SpanAlgebra.MultiplyAdd(a, s, y);

            Assert.Equal(expected, y);
        }
    }

    [Fact]
    public void Kernels_ShorterSecondSpan_SayExpectedAndFound()
    {
        Assert.Contains("Expected b of length 4; found 3", Assert.Throws<ArgumentException>(() => SpanAlgebra.Dot(new float[4], new float[3])).Message, StringComparison.Ordinal);
        Assert.Contains("Expected y of length 4; found 2", Assert.Throws<ArgumentException>(() => SpanAlgebra.MultiplyAdd(new float[4], 1f, new float[2])).Message, StringComparison.Ordinal);
    }

    private static float[] Values(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
}
