using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class TokenAllocationTests
{
    private const int Steps = 10_000;

    [Theory]
    [InlineData(CellKind.Lstm, false)]
    [InlineData(CellKind.Lstm, true)]
    [InlineData(CellKind.Gru, false)]
    [InlineData(CellKind.Gru, true)]
    [InlineData(CellKind.RnnTanh, true)]
    public void StepToken_TenThousandSteps_AllocatesNothing(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(EmbeddingModels.Create(kind, 65, 16, 64, 2, seed: 4, int8));
        var state = model.CreateState();
        var output = new float[65];
        WarmUp(() => state.StepToken(3, output));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < Steps; t++)
            {
                state.StepToken(t % 65, output);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_OneHotOnEmbeddingModel_AllocatesNothing(bool int8)
    {
        var model = RnnModel.FromDefinition(EmbeddingModels.Create(CellKind.Lstm, 65, 16, 64, 2, seed: 4, int8));
        var state = model.CreateState();
        var input = new float[65];
        var output = new float[65];
        WarmUp(() => state.Step(input, output));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < Steps; t++)
            {
                input[(t + 64) % 65] = 0f;
                input[t % 65] = 1f;
                state.Step(input, output);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WindowSequenceAndBatch_OneHotOnEmbeddingModel_AllocateNothing(bool int8)
    {
        var model = RnnModel.FromDefinition(EmbeddingModels.Create(CellKind.Gru, 65, 16, 32, 2, seed: 6, int8));
        var inputs = new float[40 * 65];
        for (int t = 0; t < 40; t++)
        {
            inputs[(t * 65) + ((7 * t) % 65)] = 1f;
        }

        var outputs = new float[40 * 65];
        var window = model.CreateWindow(40);
        var state = model.CreateState();
        var batch = model.CreateBatch(4);
        var batchInputs = inputs.AsSpan(0, 4 * 65).ToArray();
        var batchOutputs = new float[4 * 65];
        WarmUp(() =>
        {
            window.Run(inputs, outputs);
            state.StepSequence(inputs, outputs);
            batch.Step(batchInputs, batchOutputs);
        });

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 50; i++)
            {
                window.Run(inputs, outputs);
                state.StepSequence(inputs, outputs);
                batch.Step(batchInputs, batchOutputs);
            }
        });

        Assert.Equal(0, allocated);
    }

    private static void WarmUp(Action step)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 1000 || clock.ElapsedMilliseconds < 300; i++)
        {
            step();
        }
    }
}
