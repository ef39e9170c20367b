using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Commands;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>
/// Every golden case through the whole path a user takes: <c>edgernn import torch</c> → .ernn on disk → RnnModel.Load →
/// the step, sequence and batched APIs, matched against PyTorch within 1e-4 absolute (float32 weights).
/// </summary>
public sealed class GoldenImportTests : IDisposable
{
    /// <summary>A batched step may sum in another order than a single step; it must still agree far inside the golden tolerance.</summary>
    private const double BatchTolerance = 1e-6;

    private readonly TempDirectory _directory = new();

    public static TheoryData<string> Cases => GoldenCase.Names;

    public void Dispose() => _directory.Dispose();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Step_ImportedGoldenCase_MatchesPyTorchOutputsAndFinalState(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = Cli.LoadGolden(name, _directory);
        Assert.False(model.IsQuantized);
        var state = model.CreateState();
        var output = new float[golden.OutputSize];

        for (int t = 0; t < golden.Steps; t++)
        {
            state.Step(golden.InputAt(t), output);
            Tolerance.AssertClose(golden.OutputAt(t), output, Tolerance.Golden, $"{name} step {t} output");
        }

        AssertFinalState(golden, state);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StepSequence_ImportedGoldenCase_MatchesPyTorchOutputsAndFinalState(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = Cli.LoadGolden(name, _directory);
        var state = model.CreateState();
        var outputs = new float[golden.Steps * golden.OutputSize];

        state.StepSequence(golden.Input, outputs);

        for (int t = 0; t < golden.Steps; t++)
        {
            Tolerance.AssertClose(golden.OutputAt(t), outputs.AsSpan(t * golden.OutputSize, golden.OutputSize), Tolerance.Golden, $"{name} step {t} output");
        }

        AssertFinalState(golden, state);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchStep_ThreeStreamsMixingTwoSequences_MatchesSingleStepsAndPyTorch(string name)
    {
        const int Streams = 3;
        var golden = GoldenCase.Load(name);
        var model = Cli.LoadGolden(name, _directory);
        int inputs = golden.InputSize;
        int outputs = golden.OutputSize;
        float[] other = SecondSequence(golden);
        float[] expectedOther = RunSingle(model, other, golden.Steps);
        var batch = model.CreateBatch(Streams);
        var batchInput = new float[Streams * inputs];
        var batchOutput = new float[Streams * outputs];

        for (int t = 0; t < golden.Steps; t++)
        {
            golden.InputAt(t).CopyTo(batchInput.AsSpan(0, inputs));
            other.AsSpan(t * inputs, inputs).CopyTo(batchInput.AsSpan(inputs, inputs));
            golden.InputAt(t).CopyTo(batchInput.AsSpan(2 * inputs, inputs));
            batch.Step(batchInput, batchOutput);

            Tolerance.AssertClose(golden.OutputAt(t), batchOutput.AsSpan(0, outputs), Tolerance.Golden, $"{name} step {t} stream 0");
            Tolerance.AssertClose(expectedOther.AsSpan(t * outputs, outputs), batchOutput.AsSpan(outputs, outputs), BatchTolerance, $"{name} step {t} stream 1");
            Tolerance.AssertClose(golden.OutputAt(t), batchOutput.AsSpan(2 * outputs, outputs), Tolerance.Golden, $"{name} step {t} stream 2");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchReset_AfterARun_ReplaysTheSameOutputs(string name)
    {
        var golden = GoldenCase.Load(name);
        var model = Cli.LoadGolden(name, _directory);
        var batch = model.CreateBatch(1);
        var first = new float[golden.Steps * golden.OutputSize];
        var second = new float[golden.Steps * golden.OutputSize];
        for (int t = 0; t < golden.Steps; t++)
        {
            batch.Step(golden.InputAt(t), first.AsSpan(t * golden.OutputSize, golden.OutputSize));
        }

        batch.Reset();
        for (int t = 0; t < golden.Steps; t++)
        {
            batch.Step(golden.InputAt(t), second.AsSpan(t * golden.OutputSize, golden.OutputSize));
        }

        Assert.Equal(first, second);
    }

    /// <summary>The golden inputs, reversed in time and scaled by −0.7: a stream that differs at every step.</summary>
    private static float[] SecondSequence(GoldenCase golden)
    {
        var other = new float[golden.Input.Length];
        for (int t = 0; t < golden.Steps; t++)
        {
            var source = golden.InputAt(golden.Steps - 1 - t);
            for (int i = 0; i < golden.InputSize; i++)
            {
                other[(t * golden.InputSize) + i] = -0.7f * source[i];
            }
        }

        return other;
    }

    private static float[] RunSingle(RnnModel model, float[] inputs, int steps)
    {
        var state = model.CreateState();
        var outputs = new float[steps * model.OutputSize];
        for (int t = 0; t < steps; t++)
        {
            state.Step(inputs.AsSpan(t * model.InputSize, model.InputSize), outputs.AsSpan(t * model.OutputSize, model.OutputSize));
        }

        return outputs;
    }

    private static void AssertFinalState(GoldenCase golden, RnnState state)
    {
        for (int layer = 0; layer < golden.Layers; layer++)
        {
            var expectedH = golden.FinalH.AsSpan(layer * golden.HiddenSize, golden.HiddenSize);
            Tolerance.AssertClose(expectedH, state.Hidden(layer), Tolerance.Golden, $"{golden.Name} final h of layer {layer}");
            if (golden.FinalC is { } finalC)
            {
                Tolerance.AssertClose(finalC.AsSpan(layer * golden.HiddenSize, golden.HiddenSize), state.Cell(layer), Tolerance.Golden, $"{golden.Name} final c of layer {layer}");
            }
        }
    }
}
