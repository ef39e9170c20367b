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
}
