using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class StepBehaviourTests
{
    [Theory]
    [InlineData(CellKind.Lstm, false)]
    [InlineData(CellKind.Gru, true)]
    [InlineData(CellKind.RnnRelu, false)]
    public void Step_NonFiniteInput_HoldsLastValueAndStateStaysFinite(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 3, 17, 2, 3, int8));
        var held = model.CreateState();
        var reference = model.CreateState();
        var output = new float[3];
        var expected = new float[3];
        float[] good = [0.5f, -1f, 2f];
        held.Step(good, output);
        reference.Step(good, expected);

        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            held.Step([bad, -1f, bad], output);
            reference.Step(good, expected);
            Assert.Equal(expected, output);
        }

        for (int k = 0; k < 2; k++)
        {
            Assert.All(held.Hidden(k).ToArray(), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void Step_FirstInputNaN_UsesChannelMean()
    {
        var definition = CellModels.Create(CellKind.Lstm, 2, 8, 1, 2, false);
        var model = RnnModel.FromDefinition(definition);
        var state = model.CreateState();
        var reference = model.CreateState();
        var output = new float[2];
        var expected = new float[2];
        state.Step([float.NaN, float.NaN], output);
        reference.Step(definition.InputNormalization.Mean, expected);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void Step_HugeFiniteInput_StateStaysFinite()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.RnnRelu, 3, 16, 2, 3, false));
        var state = model.CreateState();
        var output = new float[3];
        for (int t = 0; t < 100; t++)
        {
            state.Step([float.MaxValue, -float.MaxValue, 1e30f], output);
        }

        Assert.All(output, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Step_WrongLengths_ThrowWithExpectedAndFound()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Gru, 3, 8, 1, 2, false));
        var state = model.CreateState();
        var ex = Assert.Throws<ArgumentException>(() => state.Step(new float[4], new float[2]));
        Assert.Contains("Expected input of length 3; found 4", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => state.Step(new float[3], new float[3]));
        Assert.Throws<ArgumentException>(() => state.StepSequence(new float[7], new float[4]));
        Assert.Throws<ArgumentException>(() => model.CreateBatch(2).Step(new float[3], new float[4]));
    }

    [Fact]
    public void Reset_AfterSteps_GivesTheSameOutputsAsAFreshState()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 8, 2, 3, true));
        var state = model.CreateState();
        var output = new float[3];
        var expected = new float[3];
        for (int t = 0; t < 10; t++)
        {
            state.Step([t, 1, -t], output);
        }

        state.Reset();
        state.Step([1, 2, 3], output);
        model.CreateState().Step([1, 2, 3], expected);
        Assert.Equal(expected, output);
    }
}
