using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

/// <summary>
/// A float LSTM or GRU model with a one-output head computes the head inside the last layer's kernel on a single step (a
/// layer of 32 units steps in one kernel, FloatGemv.Lstm32 or .Gru32); the sequence and batch paths do not. All three
/// give the same bits, and the same as the model with a two-output head (the second a copy of the first), which never
/// fuses.
/// </summary>
public class FusedHeadTests
{
    public static TheoryData<CellKind, int, int> Shapes()
    {
        var data = new TheoryData<CellKind, int, int>();
        foreach (var kind in new[] { CellKind.Lstm, CellKind.Gru })
        {
            foreach (var (hidden, layers) in new[] { (16, 1), (32, 1), (32, 2), (48, 2), (64, 1), (33, 1), (8, 2) })
            {
                data.Add(kind, hidden, layers);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Step_FloatOneOutput_SameBitsAsSequenceBatchAndUnfusedHead(CellKind kind, int hidden, int layers)
    {
        const int inputs = 5;
        const int steps = 40;
        var definition = TestModels.Decorated(TestModels.Random(kind, inputs, hidden, layers, 1, seed: hidden), seed: hidden);
        var model = RnnModel.FromDefinition(definition);
        var twin = RnnModel.FromDefinition(TwoOutputs(definition));
        var random = new Random(hidden);
        float[] x = TestModels.Uniform(random, steps * inputs, 3f);
        x[7] = float.NaN;

        var single = model.CreateState();
        var unfused = twin.CreateState();
        var expected = new float[steps];
        var pair = new float[2];
        for (int t = 0; t < steps; t++)
        {
            single.Step(x.AsSpan(t * inputs, inputs), expected.AsSpan(t, 1));
            unfused.Step(x.AsSpan(t * inputs, inputs), pair);
            Assert.Equal(BitConverter.SingleToInt32Bits(pair[0]), BitConverter.SingleToInt32Bits(expected[t]));
        }

        var sequence = new float[steps];
        model.CreateState().StepSequence(x, sequence);
        Assert.Equal(expected, sequence);

        var batch = model.CreateBatch(2);
        var both = new float[2];
        var doubled = new float[2 * inputs];
        for (int t = 0; t < steps; t++)
        {
            x.AsSpan(t * inputs, inputs).CopyTo(doubled);
            x.AsSpan(t * inputs, inputs).CopyTo(doubled.AsSpan(inputs));
            batch.Step(doubled, both);
            Assert.Equal(expected[t], both[0]);
            Assert.Equal(expected[t], both[1]);
        }
    }

    private static ModelDefinition TwoOutputs(ModelDefinition definition)
    {
        var head = definition.Head;
        float[] w = [.. head.Weight.Values, .. head.Weight.Values];
        var twoHead = new DenseLayer(WeightMatrix.FromFloat(2, head.Weight.Cols, w), [head.Bias[0], head.Bias[0]]);
        var output = definition.OutputNormalization;
        var twoOutput = new ChannelNormalization([output.Mean[0], output.Mean[0]], [output.Std[0], output.Std[0]]);
        return new ModelDefinition(definition.Layers, twoHead, definition.InputNormalization, twoOutput);
    }
}
