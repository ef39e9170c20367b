namespace EdgeRnn.Runtime.Tests.Golden;

public class GoldenCellTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> Cases => GoldenCase.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_GoldenCase_MatchesPyTorchAtEveryStep(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        var state = model.CreateState();
        var output = new float[model.OutputSize];
        for (int t = 0; t < golden.Steps; t++)
        {
            state.Step(golden.Input.AsSpan(t * model.InputSize, model.InputSize), output);
            for (int j = 0; j < output.Length; j++)
            {
                double expected = golden.Output[(t * output.Length) + j];
                Assert.True(Math.Abs(output[j] - expected) <= Tolerance, $"{name} step {t} output {j}: {output[j]} vs {expected}");
            }
        }

        AssertFinalState(golden, state);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepSequence_GoldenCase_EqualsSingleSteps(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        var single = model.CreateState();
        var expected = new float[golden.Steps * model.OutputSize];
        for (int t = 0; t < golden.Steps; t++)
        {
            single.Step(golden.Input.AsSpan(t * model.InputSize, model.InputSize), expected.AsSpan(t * model.OutputSize, model.OutputSize));
        }

        var sequence = model.CreateState();
        var actual = new float[expected.Length];
        sequence.StepSequence(golden.Input, actual);

        Assert.Equal(expected, actual);
        AssertFinalState(golden, sequence);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchStep_GoldenCaseInThreeStreams_EqualsSingleSteps(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        int inputSize = model.InputSize;
        int outputSize = model.OutputSize;
        var batch = model.CreateBatch(3);
        var reversed = model.CreateState();
        var inputs = new float[3 * inputSize];
        var outputs = new float[3 * outputSize];
        var reversedOutput = new float[outputSize];
        for (int t = 0; t < golden.Steps; t++)
        {
            // Streams 0 and 2 replay the case; stream 1 replays it backwards, checked against its own single-stream state.
            golden.Input.AsSpan(t * inputSize, inputSize).CopyTo(inputs.AsSpan(0, inputSize));
            golden.Input.AsSpan((golden.Steps - 1 - t) * inputSize, inputSize).CopyTo(inputs.AsSpan(inputSize, inputSize));
            golden.Input.AsSpan(t * inputSize, inputSize).CopyTo(inputs.AsSpan(2 * inputSize, inputSize));
            batch.Step(inputs, outputs);
            reversed.Step(inputs.AsSpan(inputSize, inputSize), reversedOutput);

            Assert.Equal(reversedOutput, outputs.AsSpan(outputSize, outputSize).ToArray());
            Assert.Equal(outputs.AsSpan(0, outputSize).ToArray(), outputs.AsSpan(2 * outputSize, outputSize).ToArray());
            for (int j = 0; j < outputSize; j++)
            {
                double expected = golden.Output[(t * outputSize) + j];
                Assert.True(Math.Abs(outputs[j] - expected) <= Tolerance, $"{name} step {t} output {j}: {outputs[j]} vs {expected}");
            }
        }

        AssertFinalBatchState(golden, batch);
    }

    private static void AssertFinalState(GoldenCase golden, RnnState state)
    {
        int offset = 0;
        for (int k = 0; k < state.Model.Definition.Layers.Count; k++)
        {
            var h = state.Hidden(k);
            for (int j = 0; j < h.Length; j++)
            {
                Assert.True(Math.Abs(h[j] - golden.FinalH[offset + j]) <= Tolerance, $"{golden.Name} final h[{k}][{j}]: {h[j]} vs {golden.FinalH[offset + j]}");
                if (golden.FinalC is not null)
                {
                    float c = state.Cell(k)[j];
                    Assert.True(Math.Abs(c - golden.FinalC[offset + j]) <= Tolerance, $"{golden.Name} final c[{k}][{j}]: {c} vs {golden.FinalC[offset + j]}");
                }
            }

            offset += h.Length;
        }
    }

    private static void AssertFinalBatchState(GoldenCase golden, RnnBatch batch)
    {
        int offset = 0;
        for (int k = 0; k < batch.Model.Definition.Layers.Count; k++)
        {
            var h = batch.Hidden(0, k);
            for (int j = 0; j < h.Length; j++)
            {
                Assert.True(Math.Abs(h[j] - golden.FinalH[offset + j]) <= Tolerance, $"{golden.Name} final h[{k}][{j}]: {h[j]} vs {golden.FinalH[offset + j]}");
                if (golden.FinalC is not null)
                {
                    float c = batch.Cell(2, k)[j];
                    Assert.True(Math.Abs(c - golden.FinalC[offset + j]) <= Tolerance, $"{golden.Name} final c[{k}][{j}]: {c} vs {golden.FinalC[offset + j]}");
                }
            }

            offset += h.Length;
        }
    }
}
