using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Tests.Sources.Simulation;

public class PumpModelTests
{
    private const int Count = 6000;

    [Fact]
    public void Step_SameSeed_GivesTheSameSamples()
    {
        Assert.Equal(Run(5, []).Values, Run(5, []).Values);
        Assert.NotEqual(Run(5, []).Values, Run(6, []).Values);
    }

    [Fact]
    public void Step_DutyCycle_ShowsRunningAndRestingPhases()
    {
        float[][] rows = Run(1, []).Values;
        float[] current = [.. rows.Select(r => r[2])];

        Assert.Contains(current, c => c > 6.5f);
        Assert.Contains(current, c => c < 0.6f);
        Assert.All(rows, r => Assert.InRange(r[1], 36f, 64f));
    }

    [Fact]
    public void Step_EachFault_IsVisibleOnlyInsideItsWindowAndLabelled()
    {
        PumpFault[] faults = PumpFault.ParseList("spike@500,drift@1000+400,stuck@2000+300,dropout@2600+20,noise@3000+200:vibration,gap@4000+50");
        (float[][] clean, _, _) = Run(9, []);
        (float[][] faulty, bool[] labels, bool[] emitted) = Run(9, faults);

        for (int i = 0; i < Count; i++)
        {
            bool inside = faults.Any(f => f.Covers(i));
            Assert.Equal(inside, labels[i]);
            if (!inside)
            {
                Assert.Equal(clean[i], faulty[i]);
            }
        }

        Assert.All(Enumerable.Range(500, 3), i => Assert.True(faulty[i][0] - clean[i][0] > 7.9f));
        Assert.Equal(12f, faulty[1399][1] - clean[1399][1], 0.01f);
        Assert.Equal(6f, faulty[1199][1] - clean[1199][1], 0.05f);
        Assert.All(Enumerable.Range(2000, 300), i => Assert.Equal(clean[1999][2], faulty[i][2]));
        Assert.All(Enumerable.Range(2600, 20), i => Assert.All(faulty[i], v => Assert.True(float.IsNaN(v))));
        double burst = Enumerable.Range(3000, 200).Select(i => Math.Abs(faulty[i][0] - clean[i][0])).Average();
        Assert.True(burst > 0.3, $"Expected the noise burst to move vibration by more than 0.3 on average; found {burst}.");
        Assert.All(Enumerable.Range(3000, 200), i => Assert.Equal(clean[i][1], faulty[i][1]));
        Assert.Equal(Count - 50, emitted.Count(e => e));
        Assert.All(Enumerable.Range(4000, 50), i => Assert.False(emitted[i]));
    }

    [Fact]
    public void Parse_DefaultsAndChannels_FollowTheKind()
    {
        Assert.Equal(new PumpFault(PumpFaultKind.Spike, 10, 3, 0), PumpFault.Parse("spike@10"));
        Assert.Equal(new PumpFault(PumpFaultKind.Drift, 10, 1000, 1), PumpFault.Parse("Drift@10"));
        Assert.Equal(new PumpFault(PumpFaultKind.Stuck, 10, 5, 0), PumpFault.Parse("stuck@10+5:vibration_rms"));
        Assert.Equal(new PumpFault(PumpFaultKind.Dropout, 0, 50, -1), PumpFault.Parse("dropout@0"));
        Assert.Equal("noise@7+200:2", PumpFault.Parse("noise@7:current").ToString());
        Assert.Throws<FormatException>(() => PumpFault.Parse("spike@-1"));
        Assert.Throws<FormatException>(() => PumpFault.Parse("spike@5+0"));
    }

    private static (float[][] Values, bool[] Labels, bool[] Emitted) Run(ulong seed, PumpFault[] faults)
    {
        var model = new PumpModel(seed, 100, faults);
        var values = new float[Count][];
        var labels = new bool[Count];
        var emitted = new bool[Count];
        for (int i = 0; i < Count; i++)
        {
            values[i] = new float[PumpModel.Channels];
            emitted[i] = model.Step(values[i], out labels[i]);
        }

        return (values, labels, emitted);
    }
}
