using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Skab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Skab;

public sealed class SkabEvaluationTests
{
    private static readonly DateTime T0 = new(2020, 3, 9, 10, 0, 0);

    [Fact]
    public void Score_TwoFiles_SumsOutlierCountsAndChangepointScores()
    {
        var timestamps = Enumerable.Range(0, 200).Select(i => T0.AddSeconds(i)).ToArray();
        var anomaly = new bool[200];
        var changepoint = new bool[200];
        for (int i = 100; i < 150; i++)
        {
            anomaly[i] = true;
        }

        changepoint[100] = true;
        changepoint[150] = true;

        // File a: alarms exactly on the anomaly (changepoints predicted at 100 and 150: both windows hit at their start).
        var perfect = (bool[])anomaly.Clone();
        // File b: no alarm at all.
        var none = new bool[200];

        var result = SkabEvaluation.Score(
        [
            new SkabFileOutcome("a", timestamps, perfect, anomaly, changepoint),
            new SkabFileOutcome("b", timestamps, none, anomaly, changepoint),
        ]);

        Assert.Equal(new EdgeRnn.Training.Evaluation.ConfusionCounts(50, 0, 300, 50), result.Outlier);
        var standard = result.Changepoint.Single(s => s.Profile.Name == "standard");
        // a: windows [100, 160] and [160, 210] ("cut right window"); predicted changepoints at 100 and 150 fall in the
        // first window only, so the second is missed: 1 − 1 = 0. b: −2. Sum −2, null −4, perfect 4 → 25.
        Assert.Equal(-2.0, standard.Score, 9);
        Assert.Equal(25.0, standard.Normalized, 9);
    }

    [Fact]
    public void Score_DetectorChangepoints_AreScoredInsteadOfTheAlarmsRisesAndFalls()
    {
        var timestamps = Enumerable.Range(0, 200).Select(i => T0.AddSeconds(i)).ToArray();
        var anomaly = new bool[200];
        var changepoint = new bool[200];
        changepoint[100] = true;
        changepoint[170] = true;
        var alarms = new bool[200];
        for (int i = 100; i < 170; i++)
        {
            anomaly[i] = true;
            alarms[i] = true;
        }

        // Own change points at 130 (halfway through the first window [100, 160]) and 20 (outside every window).
        var own = new bool[200];
        own[130] = true;
        own[20] = true;

        var fromAlarms = SkabEvaluation.Score([new SkabFileOutcome("a", timestamps, alarms, anomaly, changepoint)]);
        var fromOwn = SkabEvaluation.Score([new SkabFileOutcome("a", timestamps, alarms, anomaly, changepoint, own)]);

        var standard = NabCostProfile.All.Single(p => p.Name == "standard");
        Assert.Equal(2.0, fromAlarms.Changepoint.Single(s => s.Profile.Name == "standard").Score, 9);
        double halfway = SkabChangepointScorer.Scale(timestamps[100], timestamps[130], timestamps[160], standard);
        Assert.Equal(halfway - 1.0 - 0.11, fromOwn.Changepoint.Single(s => s.Profile.Name == "standard").Score, 9);
        Assert.Equal(fromAlarms.Outlier, fromOwn.Outlier);
    }

    [Fact]
    public void Score_ChangepointsOfTheWrongLength_FailsNamingTheFile()
    {
        var timestamps = Enumerable.Range(0, 10).Select(i => T0.AddSeconds(i)).ToArray();
        var flags = new bool[10];

        var error = Assert.Throws<ArgumentException>(() => SkabEvaluation.Score([new SkabFileOutcome("valve1/3.csv", timestamps, flags, flags, flags, new bool[9])]));

        Assert.Contains("valve1/3.csv (10), found 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SkabLayout_KeepsChannelsRowMajorAndLabels()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgernn-skab-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "datetime;Accelerometer1RMS;Current;anomaly;changepoint\n2020-03-09 10:14:33;0.5;1.25;0.0;0.0\n2020-03-09 10:14:34;0.75;1.5;1.0;1.0\n");
        try
        {
            var file = SkabFile.Read(path);

            Assert.Equal(["Accelerometer1RMS", "Current"], file.Channels);
            Assert.Equal([0.75f, 1.5f], file.Row(1).ToArray());
            Assert.Equal([false, true], file.Anomaly!);
            Assert.Equal([false, true], file.Changepoint!);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
