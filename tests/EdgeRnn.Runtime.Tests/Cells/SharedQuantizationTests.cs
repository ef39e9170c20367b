using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Kernels;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

/// <summary>
/// An int8 layer's h is quantized once per step and shared by its two consumers (the next layer's or the head's input,
/// then its own W_hh at the next step): Step gives the bits of the unshared path (StepSequence quantizes every time),
/// also across Reset and Restore, which write h behind the cache's back.
/// </summary>
public class SharedQuantizationTests
{
    public static TheoryData<CellKind, int, int> Models()
    {
        var data = new TheoryData<CellKind, int, int>();
        foreach (var kind in CellModels.Kinds)
        {
            data.Add(kind, 1, 1);
            data.Add(kind, 2, 5);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Step_Int8_SameBitsAsUnsharedQuantization(CellKind kind, int layers, int outputs)
    {
        const int inputs = 5;
        const int steps = 60;
        var model = RnnModel.FromDefinition(CellModels.Create(kind, inputs, 33, layers, outputs, int8: true, seed: layers));
        var random = new Random(layers);
        float[] x = TestModels.Uniform(random, steps * inputs, 3f);
        x[11] = float.NaN;
        var shared = model.CreateState();
        var unshared = model.CreateState();
        var saved = Array.Empty<byte>();
        var y = new float[outputs];
        var expected = new float[outputs];
        for (int t = 0; t < steps; t++)
        {
            if (t == 20)
            {
                saved = shared.ToBytes();
            }

            if (t == 30)
            {
                shared.Reset();
                unshared.Reset();
            }

            if (t == 45)
            {
                shared.Restore(saved);
                unshared.Restore(saved);
            }

            var sample = x.AsSpan(t * inputs, inputs);
            shared.Step(sample, y);
            unshared.StepSequence(sample, expected);
            for (int i = 0; i < outputs; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(y[i]), $"step {t} output {i}: {y[i]} vs {expected[i]}");
            }
        }
    }

    [Fact]
    public void Of_SameOrChangedH_EqualsAFreshQuantization()
    {
        var random = new Random(5);
        var cache = new QuantizedHidden(33, 40);
        float[] h = new float[33];
        AssertFresh(cache, h, "zero h before any request");
        h = FloatGemvTests.RandomVector(random, 33);
        AssertFresh(cache, h, "new h");
        AssertFresh(cache, h, "the same h again");
        h[32] = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(h[32]) + 1);
        AssertFresh(cache, h, "one ulp changed in the last value");
        Array.Fill(h, -0f);
        AssertFresh(cache, h, "negative zeros");
        h[0] = 1e-30f;
        AssertFresh(cache, h, "a tiny value");
    }

    private static void AssertFresh(QuantizedHidden cache, float[] h, string what)
    {
        var fresh = new sbyte[40];
        float expectedScale = Int8Quantizer.Quantize(h, fresh);
        var values = cache.Of(h, out float scale);
        Assert.True(BitConverter.SingleToInt32Bits(expectedScale) == BitConverter.SingleToInt32Bits(scale), $"{what}: scale {scale} vs {expectedScale}");
        Assert.True(values.SequenceEqual(fresh), $"{what}: values differ");
    }
}
