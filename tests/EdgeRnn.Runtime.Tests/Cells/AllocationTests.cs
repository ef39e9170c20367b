using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class AllocationTests
{
    private const int Steps = 10_000;

    public static TheoryData<CellKind, bool> KindsAndStorage()
    {
        var data = new TheoryData<CellKind, bool>();
        foreach (var kind in CellModels.Kinds)
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void Step_TenThousandSteps_AllocatesNothing(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 5, 33, 2, 5, int8));
        var state = model.CreateState();
        var input = new float[5];
        var output = new float[5];
        WarmUp(() => state.Step(input, output));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < Steps; t++)
            {
                input[t % 5] = t % 7;
                state.Step(input, output);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [InlineData(CellKind.Lstm, 32, 1)]
    [InlineData(CellKind.Lstm, 32, 2)]
    [InlineData(CellKind.Lstm, 48, 1)]
    [InlineData(CellKind.Gru, 32, 1)]
    [InlineData(CellKind.Gru, 32, 2)]
    [InlineData(CellKind.Gru, 48, 1)]
    public void Step_FloatOneOutput_TenThousandSteps_AllocatesNothing(CellKind kind, int hidden, int layers)
    {
        // The fused paths: the whole layer in one kernel (32 units) or the head inside the epilogue.
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 5, hidden, layers, 1, int8: false));
        var state = model.CreateState();
        var input = new float[5];
        var output = new float[1];
        WarmUp(() => state.Step(input, output));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < Steps; t++)
            {
                input[t % 5] = t % 7;
                state.Step(input, output);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void BatchStep_TenThousandSteps_AllocatesNothing(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 5, 33, 2, 5, int8));
        var batch = model.CreateBatch(4);
        var inputs = new float[4 * 5];
        var outputs = new float[4 * 5];
        WarmUp(() => batch.Step(inputs, outputs));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int t = 0; t < Steps; t++)
            {
                inputs[t % 20] = t % 7;
                batch.Step(inputs, outputs);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void StepSequence_OnceWarm_AllocatesNothing(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 5, 33, 2, 5, int8));
        var state = model.CreateState();
        var inputs = new float[100 * 5];
        var outputs = new float[100 * 5];
        WarmUp(() => state.StepSequence(inputs, outputs));

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                state.StepSequence(inputs, outputs);
            }
        });

        Assert.Equal(0, allocated);
    }

    /// <summary>
    /// Steps for a while before measuring: in its first tenths of a second the runtime's tiered JIT re-compiles the hot
    /// methods and can allocate on the stepping thread while doing so. Warm steps must then allocate nothing.
    /// </summary>
    private static void WarmUp(Action step)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 1000 || clock.ElapsedMilliseconds < 300; i++)
        {
            step();
        }
    }
}
