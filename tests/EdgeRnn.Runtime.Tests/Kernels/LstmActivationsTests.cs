using System.Numerics;
using System.Runtime.Intrinsics;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class LstmActivationsTests
{
    /// <summary>Zeros, the clamps' edges, large and huge values, infinities and NaN.</summary>
    internal static readonly float[] Specials =
    [
        0f, -0f, 9f, -9f, 30f, -30f, 30.5f, -30.5f, 88.8f, -88.8f, 200f, -200f, 1e30f, -1e30f, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.Epsilon, -float.Epsilon, 1e-30f, -1e-30f,
    ];

    /// <summary>
    /// σ's relative error bound. Without a fused multiply-add a·(−log2 e) is rounded before n is taken off, up to half
    /// an ulp of 43 at the clamp (1.9e-6 in the exponent), which moves the tiny values of σ far left by up to 1.5e-6
    /// of themselves (their absolute error stays below 1e-19; in the middle of the range the rounding is far smaller).
    /// </summary>
    private static readonly double SigmoidRelative = MulAdd.IsFused ? 1e-6 : 2e-6;

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Sigmoid_DenseGrid_MatchesDoublePrecision()
    {
        // Absolute error over the whole range (σ is in [0, 1]); relative error where σ is not clamped (a ≥ −30).
        for (int i = -2_000_000; i <= 2_000_000; i += 7)
        {
            float a = i * 2.5e-5f;
            double expected = Sigmoid(a);
            double error = Math.Abs(LstmActivations.Sigmoid(a) - expected);
            Assert.True(error <= 2e-7, $"σ({a}): {LstmActivations.Sigmoid(a)} vs {expected}");
            Assert.True(a < -LstmActivations.SigmoidLimit || error <= SigmoidRelative * expected, $"σ({a}) relative: {LstmActivations.Sigmoid(a)} vs {expected}");
        }
    }

    [Fact]
    public void SigmoidTimesTanh_DenseGrid_MatchesDoublePrecision()
    {
        // tanh alone is σ(large)·tanh; relative error where 1 − e^(−2b) does not cancel (|b| ≥ 0.05).
        for (int i = -1_200_000; i <= 1_200_000; i += 3)
        {
            float b = i * 1e-5f;
            double expected = Math.Tanh(b);
            double error = Math.Abs(LstmActivations.SigmoidTimesTanh(100f, b) - expected);
            Assert.True(error <= 2e-7, $"tanh({b}): {LstmActivations.SigmoidTimesTanh(100f, b)} vs {expected}");
            Assert.True(Math.Abs(b) < 0.05f || error <= 1.5e-6 * Math.Abs(expected), $"tanh({b}) relative: {LstmActivations.SigmoidTimesTanh(100f, b)} vs {expected}");
        }

        for (int i = -400; i <= 400; i++)
        {
            for (int j = -1200; j <= 1200; j += 3)
            {
                float a = i * 0.05f;
                float b = j * 0.01f;
                double expected = Sigmoid(a) * Math.Tanh(b);
                float actual = LstmActivations.SigmoidTimesTanh(a, b);
                Assert.True(Math.Abs(actual - expected) <= 4e-7, $"σ({a})·tanh({b}): {actual} vs {expected}");
            }
        }
    }

    [Fact]
    public void Hidden_DenseGrid_MatchesDoublePrecision()
    {
        // The rational tanh is accurate relative to tanh everywhere, zero included; it may pass 1 by one ulp.
        for (int i = -1_200_000; i <= 1_200_000; i += 3)
        {
            float b = i * 1e-5f;
            double expected = Math.Tanh(b);
            float actual = LstmActivations.Hidden(100f, b);
            Assert.True(Math.Abs(actual - expected) <= 5e-7 * Math.Abs(expected), $"tanh({b}): {actual} vs {expected}");
            Assert.True(Math.Abs(actual) <= 1f + 1.2e-7f, $"tanh({b}) = {actual}");
        }

        for (int i = -400; i <= 400; i++)
        {
            for (int j = -1200; j <= 1200; j += 3)
            {
                float a = i * 0.05f;
                float b = j * 0.01f;
                double expected = Sigmoid(a) * Math.Tanh(b);
                float actual = LstmActivations.Hidden(a, b);
                Assert.True(Math.Abs(actual - expected) <= 5e-7, $"σ({a})·tanh({b}): {actual} vs {expected}");
            }
        }
    }

    [Fact]
    public void Specials_GiveTheLimitsOrNaN()
    {
        foreach (float a in Specials)
        {
            float sigmoid = LstmActivations.Sigmoid(a);
            if (float.IsNaN(a))
            {
                Assert.True(float.IsNaN(sigmoid));
                Assert.True(float.IsNaN(LstmActivations.Hidden(a, 1f)));
                continue;
            }

            // Beyond the clamp σ is that of ±30: 1, or 9.4e-14 where the true value is smaller still.
            double clamped = Sigmoid(Math.Clamp(a, -LstmActivations.SigmoidLimit, LstmActivations.SigmoidLimit));
            Assert.True(Math.Abs(sigmoid - clamped) <= SigmoidRelative * clamped, $"σ({a}) = {sigmoid}, expected {clamped}");
            Assert.True(Math.Abs(sigmoid - Sigmoid(a)) <= 2e-7, $"σ({a}) = {sigmoid}");
            foreach (float b in Specials)
            {
                float product = LstmActivations.SigmoidTimesTanh(a, b);
                if (float.IsNaN(b))
                {
                    Assert.True(float.IsNaN(product), $"σ({a})·tanh(NaN) = {product}");
                    Assert.True(float.IsNaN(LstmActivations.Hidden(a, b)), $"σ({a})·tanh(NaN) (rational)");
                    continue;
                }

                double reference = Sigmoid(a) * Math.Tanh(b);
                Assert.True(Math.Abs(product - reference) <= 2e-7, $"σ({a})·tanh({b}) = {product}, expected {reference}");
                Assert.InRange(product, -1f, 1f);
                float hidden = LstmActivations.Hidden(a, b);
                Assert.True(float.IsNaN(b) ? float.IsNaN(hidden) : Math.Abs(hidden - reference) <= 5e-7, $"σ({a})·tanh({b}) = {hidden} (rational), expected {reference}");
            }
        }

        Assert.Equal(0.5f, LstmActivations.Sigmoid(0f));
        Assert.Equal(0f, LstmActivations.SigmoidTimesTanh(3f, 0f));
        Assert.Equal(1f, LstmActivations.SigmoidTimesTanh(float.PositiveInfinity, float.PositiveInfinity));
        Assert.Equal(-1f, LstmActivations.SigmoidTimesTanh(float.PositiveInfinity, float.NegativeInfinity));
        Assert.True(float.IsNaN(LstmActivations.SigmoidTimesTanh(float.NaN, 1f)));
        Assert.Equal(0f, LstmActivations.Hidden(3f, 0f));
        Assert.Equal(-1e-30f, LstmActivations.Hidden(float.PositiveInfinity, -1e-30f));
    }

    [Fact]
    public void VectorForms_BitIdenticalToScalar()
    {
        var random = new Random(31);
        var a = new float[4096];
        var b = new float[4096];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : (float)((random.NextDouble() - 0.5) * (i % 3 == 0 ? 80 : 16));
            b[i] = random.Next(8) == 0 ? Specials[random.Next(Specials.Length)] : (float)((random.NextDouble() - 0.5) * (i % 5 == 0 ? 30 : 6));
        }

        for (int i = 0; i + 16 <= a.Length; i += 16)
        {
            var sigmoid = LstmActivations.Sigmoid(Vector512.Create(a.AsSpan(i, 16)));
            var product = LstmActivations.SigmoidTimesTanh(Vector512.Create(a.AsSpan(i, 16)), Vector512.Create(b.AsSpan(i, 16)));
            var hidden = LstmActivations.Hidden(Vector512.Create(a.AsSpan(i, 16)), Vector512.Create(b.AsSpan(i, 16)));
            for (int k = 0; k < 16; k++)
            {
                AssertSame(LstmActivations.Sigmoid(a[i + k]), sigmoid[k], $"σ({a[i + k]}), Vector512");
                AssertSame(LstmActivations.SigmoidTimesTanh(a[i + k], b[i + k]), product[k], $"σ({a[i + k]})·tanh({b[i + k]}), Vector512");
                AssertSame(LstmActivations.Hidden(a[i + k], b[i + k]), hidden[k], $"σ({a[i + k]})·tanh({b[i + k]}) rational, Vector512");
            }
        }

        int width = Vector<float>.Count;
        for (int i = 0; i + width <= a.Length; i += width)
        {
            var sigmoid = LstmActivations.Sigmoid(new Vector<float>(a.AsSpan(i, width)));
            var product = LstmActivations.SigmoidTimesTanh(new Vector<float>(a.AsSpan(i, width)), new Vector<float>(b.AsSpan(i, width)));
            var hidden = LstmActivations.Hidden(new Vector<float>(a.AsSpan(i, width)), new Vector<float>(b.AsSpan(i, width)));
            for (int k = 0; k < width; k++)
            {
                AssertSame(LstmActivations.Sigmoid(a[i + k]), sigmoid[k], $"σ({a[i + k]}), Vector<float>");
                AssertSame(LstmActivations.SigmoidTimesTanh(a[i + k], b[i + k]), product[k], $"σ({a[i + k]})·tanh({b[i + k]}), Vector<float>");
                AssertSame(LstmActivations.Hidden(a[i + k], b[i + k]), hidden[k], $"σ({a[i + k]})·tanh({b[i + k]}) rational, Vector<float>");
            }
        }
    }

    /// <summary>The same bits, or NaN on both sides (a NaN's payload may differ between instruction sets).</summary>
    internal static void AssertSame(float expected, float actual, string what)
    {
        Assert.True(float.IsNaN(expected) ? float.IsNaN(actual) : BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual), $"{what}: {actual} vs scalar {expected}");
    }
}
