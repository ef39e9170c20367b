using EdgeRnn.Trainer.Evaluation.Detector;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

public sealed class SkabBenchmarkTests
{
    [Fact]
    public void LevelShifts_ErrorThatStepsUpThenDown_FlagsOneChangepointAfterEachStep()
    {
        // The first row has no prediction (NaN); the error quadruples on rows 300–499.
        var errors = Enumerable.Range(0, 800).Select(r => r == 0 ? double.NaN : (r is >= 300 and < 500 ? 4.0 : 1.0) + (0.05 * Math.Sin(r))).ToArray();

        var flags = SkabBenchmark.LevelShifts(errors);

        var rows = Enumerable.Range(0, flags.Length).Where(r => flags[r]).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.InRange(rows[0], 300, 300 + SkabBenchmark.ChangepointRecentRows - 1);
        Assert.InRange(rows[1], 500, 500 + SkabBenchmark.ChangepointRecentRows - 1);
    }
}
