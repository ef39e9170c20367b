using System.Numerics;
using System.Runtime.Intrinsics;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class ActivationsTests
{
    [Fact]
    public void ScalarFunctions_DenseGrid_MatchDoublePrecision()
    {
        for (double x = -100; x <= 100; x += 0.0137)
        {
            float xf = (float)x;
            double exp = Math.Exp(Math.Clamp(xf, -87.3f, 88.3f));
            Assert.True(Math.Abs(Activations.Exp(xf) - exp) <= 4e-7 * exp, $"exp({xf})");
            Assert.True(Math.Abs(Activations.Sigmoid(xf) - (1 / (1 + Math.Exp(-xf)))) <= 3e-7, $"sigmoid({xf})");
            Assert.True(Math.Abs(Activations.Tanh(xf) - Math.Tanh(xf)) <= 5e-7, $"tanh({xf})");
        }
    }

    [Fact]
    public void ScalarFunctions_Extremes_StayFinite()
    {
        foreach (float x in new[] { float.MaxValue, -float.MaxValue, 1e30f, -1e30f, 0f })
        {
            Assert.True(float.IsFinite(Activations.Sigmoid(x)));
            Assert.True(float.IsFinite(Activations.Tanh(x)));
            Assert.InRange(Activations.Tanh(x), -1f, 1f);
        }
    }

    [Fact]
    public void SigmoidTimesTanh_Grid_MatchesDoublePrecision()
    {
        float[] extremes = [float.MaxValue, -float.MaxValue, 1e30f, -1e30f, 200f, -200f, 0f];
        var values = Enumerable.Range(0, 801).Select(i => (float)((i - 400) * 0.125)).Concat(extremes).ToArray();
        foreach (float a in values)
        {
            foreach (float b in values)
            {
                double expected = (1 / (1 + Math.Exp(-(double)a))) * Math.Tanh(b);
                float actual = Activations.SigmoidTimesTanh(a, b);
                Assert.True(Math.Abs(actual - expected) <= 1e-6, $"σ({a})·tanh({b}): {actual} vs {expected}");
            }
        }
    }

    [Fact]
    public void SigmoidTimesTanh_VectorForms_BitIdenticalToScalar()
    {
        var random = new Random(9);
        var a = new float[4096];
        var b = new float[4096];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (float)((random.NextDouble() - 0.5) * (i % 3 == 0 ? 400 : 20));
            b[i] = (float)((random.NextDouble() - 0.5) * (i % 5 == 0 ? 400 : 20));
        }

        for (int i = 0; i + 16 <= a.Length; i += 16)
        {
            var wide = Activations.SigmoidTimesTanh(Vector512.Create(a.AsSpan(i, 16)), Vector512.Create(b.AsSpan(i, 16)));
            for (int k = 0; k < 16; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(Activations.SigmoidTimesTanh(a[i + k], b[i + k])), BitConverter.SingleToInt32Bits(wide[k]));
            }
        }

        int width = Vector<float>.Count;
        for (int i = 0; i + width <= a.Length; i += width)
        {
            var v = Activations.SigmoidTimesTanh(new Vector<float>(a.AsSpan(i, width)), new Vector<float>(b.AsSpan(i, width)));
            for (int k = 0; k < width; k++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(Activations.SigmoidTimesTanh(a[i + k], b[i + k])), BitConverter.SingleToInt32Bits(v[k]));
            }
        }
    }
}
