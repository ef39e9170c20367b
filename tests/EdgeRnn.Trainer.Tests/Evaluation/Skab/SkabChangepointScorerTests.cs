using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Skab;

public sealed class SkabChangepointScorerTests
{
    private static readonly DateTime T0 = new(2020, 3, 1, 15, 0, 0);

    private static DateTime[] Seconds(int count) => [.. Enumerable.Range(0, count).Select(i => T0.AddSeconds(i))];

    private static bool[] Flags(int count, params int[] rows)
    {
        var flags = new bool[count];
        foreach (var r in rows)
        {
            flags[r] = true;
        }

        return flags;
    }

    [Fact]
    public void Build_OverlappingRightWindows_CutsTheRightWindow()
    {
        var windows = SkabChangepointWindows.Build(Seconds(300), Flags(300, 100, 130), SkabChangepointWindows.DefaultWidth);

        Assert.Equal(2, windows.Count);
        Assert.Equal((T0.AddSeconds(100), T0.AddSeconds(160)), windows[0]);
        Assert.Equal((T0.AddSeconds(160), T0.AddSeconds(190)), windows[1]);
    }

    [Theory]
    [InlineData((int)SkabWindowPlacement.Left, -60, 0)]
    [InlineData((int)SkabWindowPlacement.Right, 0, 60)]
    [InlineData((int)SkabWindowPlacement.Centre, -30, 30)]
    public void Build_Placement_PutsTheWindowAroundTheChangepoint(int placementValue, int startOffset, int endOffset)
    {
        var placement = (SkabWindowPlacement)placementValue;
        var window = SkabChangepointWindows.Build(Seconds(300), Flags(300, 100), SkabChangepointWindows.DefaultWidth, placement).Single();

        Assert.Equal(T0.AddSeconds(100 + startOffset), window.Start);
        Assert.Equal(T0.AddSeconds(100 + endOffset), window.End);
    }

    [Fact]
    public void Scale_StartMiddleEnd_GoesFromATpToMinusAFp()
    {
        var start = T0;
        var end = T0.AddSeconds(60);
        var profile = NabCostProfile.Standard;

        Assert.Equal(1.0, SkabChangepointScorer.Scale(start, start, end, profile), 12);
        Assert.Equal(-0.11, SkabChangepointScorer.Scale(start, end, end, profile), 12);
        Assert.Equal((1.0 - 0.11) / 2, SkabChangepointScorer.Scale(start, start.AddSeconds(30), end, profile), 2);
    }

    [Fact]
    public void ScoreFile_FirstDetectionAtWindowStartAndTwoFalsePositives_ScoresByHand()
    {
        var timestamps = Seconds(300);
        var windows = SkabChangepointWindows.Build(timestamps, Flags(300, 100), SkabChangepointWindows.DefaultWidth);

        var score = SkabChangepointScorer.ScoreFile(timestamps, Flags(300, 50, 100, 120, 250), windows, NabCostProfile.Standard);

        // 1 (detection at the window's start) − 2 · 0.11; the detection at 120 s is inside the window and costs nothing.
        Assert.Equal(0.78, score.Score, 12);
        Assert.Equal(-1.0, score.NullScore);
        Assert.Equal(1.0, score.PerfectScore);
        Assert.Equal(89.0, score.Normalized, 9);
        Assert.Equal(2, score.FalsePositives);
    }

    [Fact]
    public void Sum_TwoFiles_NormalisesTheSums()
    {
        var timestamps = Seconds(300);
        var windows = SkabChangepointWindows.Build(timestamps, Flags(300, 100), SkabChangepointWindows.DefaultWidth);
        var good = SkabChangepointScorer.ScoreFile(timestamps, Flags(300, 50, 100, 250), windows, NabCostProfile.Standard);
        var missed = SkabChangepointScorer.ScoreFile(timestamps, Flags(300, 20), windows, NabCostProfile.Standard);

        var total = SkabNabScore.Sum(NabCostProfile.Standard, [good, missed]);

        // S = 0.78 + (−1 − 0.11) = −0.33; null −2; perfect 2 → 100 · 1.67 / 4.
        Assert.Equal(41.75, total.Normalized, 9);
    }

    [Fact]
    public void ChangepointsFromAlarms_AlarmRuns_MarkEveryChange()
    {
        var changepoints = SkabChangepointScorer.ChangepointsFromAlarms([true, true, false, false, true]);

        Assert.Equal([true, false, true, false, true], changepoints);
    }
}
