using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class ParameterInitializerTests
{
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.RnnTanh)]
    public void Initialize_RecurrentGateBlocks_AreOrthogonal(CellKind kind)
    {
        var layout = new ParameterLayout(new NetworkShape(kind, 5, 24, 2, 3));
        var values = ParameterInitializer.Initialize(layout, 3);
        int h = 24;
        for (int l = 0; l < 2; l++)
        {
            var hh = layout.WeightHh(l).Of(values);
            for (int g = 0; g < kind.GateCount(); g++)
            {
                var block = hh.Slice(g * h * h, h * h);
                for (int i = 0; i < h; i++)
                {
                    for (int j = 0; j < h; j++)
                    {
                        double dot = 0;
                        for (int c = 0; c < h; c++)
                        {
                            dot += (double)block[(i * h) + c] * block[(j * h) + c];
                        }

                        Assert.Equal(i == j ? 1.0 : 0.0, dot, 1e-5);
                    }
                }
            }
        }
    }

    [Fact]
    public void Initialize_InputWeightsAndBiases_FollowGlorotAndForgetBiasOne()
    {
        var layout = new ParameterLayout(new NetworkShape(CellKind.Lstm, 6, 10, 2, 4));
        var values = ParameterInitializer.Initialize(layout, 11);
        double limit0 = Math.Sqrt(6.0 / (6 + 10));
        var ih = layout.WeightIh(0).Of(values).ToArray();
        Assert.All(ih, w => Assert.InRange(Math.Abs(w), 0, limit0));
        Assert.True(ih.Max(Math.Abs) > 0.8 * limit0, "Expected the Glorot range to be used.");
        for (int l = 0; l < 2; l++)
        {
            var biasIh = layout.BiasIh(l).Of(values).ToArray();
            Assert.Equal(Enumerable.Repeat(0f, 10).Concat(Enumerable.Repeat(1f, 10)).Concat(Enumerable.Repeat(0f, 20)), biasIh);
            Assert.All(layout.BiasHh(l).Of(values).ToArray(), b => Assert.Equal(0f, b));
        }

        Assert.All(layout.HeadBias.Of(values).ToArray(), b => Assert.Equal(0f, b));
    }

    [Fact]
    public void Initialize_SameSeed_SameBytesOtherSeed_Different()
    {
        var layout = new ParameterLayout(new NetworkShape(CellKind.Gru, 3, 8, 1, 2));
        Assert.Equal(ParameterInitializer.Initialize(layout, 5), ParameterInitializer.Initialize(layout, 5));
        Assert.NotEqual(ParameterInitializer.Initialize(layout, 5), ParameterInitializer.Initialize(layout, 6));
    }
}
