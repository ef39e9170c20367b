using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class DataLoaderTests
{
    [Fact]
    public void Load_TwoFiles_SplitsEachFileAtItsEnd()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["x"], 10, (t, _) => t));
        temp.Write("b.csv", CsvFiles.Numeric(["x"], 5, (t, _) => 100 + t));
        var data = DataLoader.Load(temp.Path, new DataOptions());

        Assert.Equal([new Segment(0, 0, 8), new Segment(1, 0, 4)], data.TrainSegments);
        Assert.Equal([new Segment(0, 8, 2), new Segment(1, 4, 1)], data.ValidationSegments);
        Assert.Equal([8, 4], data.Summary.Files.Select(f => f.TrainSteps));
        Assert.Equal([2, 1], data.Summary.Files.Select(f => f.ValidationSteps));
        Assert.Equal(12, data.Summary.TrainSteps);
        Assert.Equal(3, data.Summary.ValidationSteps);
    }

    [Fact]
    public void Load_Normalisation_FittedOnTrainingPartOnly()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["x", "y"], 10, (t, c) => c == 0 ? t : (t >= 8 ? 1000 : 2 * t)));
        temp.Write("b.csv", CsvFiles.Numeric(["x", "y"], 5, (t, c) => c == 0 ? 100 + t : (t >= 4 ? 1000 : -t)));
        var data = DataLoader.Load(temp.Path, new DataOptions());

        double[] trainX = [0, 1, 2, 3, 4, 5, 6, 7, 100, 101, 102, 103];
        double[] trainY = [0, 2, 4, 6, 8, 10, 12, 14, 0, -1, -2, -3];
        AssertStats(trainX, data.InputNormalization.Mean[0], data.InputNormalization.Std[0]);
        AssertStats(trainY, data.InputNormalization.Mean[1], data.InputNormalization.Std[1]);
        Assert.Equal(14, data.Summary.Channels[1].Max);
        Assert.Equal(data.InputNormalization.Mean.ToArray(), data.OutputNormalization.Mean.ToArray());
    }

    [Fact]
    public void Load_ValidationRows_NeverReachTrainingWindows()
    {
        using var temp = new TempFolder();
        // Validation rows hold 1000+; training rows hold less than 100.
        temp.Write("a.csv", CsvFiles.Numeric(["x"], 50, (t, _) => t >= 40 ? 1000 + t : t));
        temp.Write("b.csv", CsvFiles.Numeric(["x"], 30, (t, _) => t >= 24 ? 1000 + t : t));
        var data = DataLoader.Load(temp.Path, new DataOptions());
        var batcher = new WindowBatcher(data, SplitPart.Train, length: 5, stride: 1, batchSize: 4);
        var batch = batcher.CreateBatch();
        float mean = data.InputNormalization.Mean[0];
        float std = data.InputNormalization.Std[0];
        batcher.StartEpoch(seed: 7, epoch: 0);
        int windows = 0;
        while (batcher.NextBatch(batch))
        {
            for (int i = 0; i < batch.Count * 5; i++)
            {
                Assert.True((batch.Inputs[i] * std) + mean < 100, "a validation value reached a training input");
                Assert.True((batch.Targets[i] * std) + mean < 100, "a validation value reached a training target");
            }

            windows += batch.Count;
        }

        // Training parts of 40 and 24 steps: forecast windows of 5 need 6 steps.
        Assert.Equal((40 - 5) + (24 - 5), windows);
    }

    [Fact]
    public void Load_ConstantChannel_NormalisedWithStdOneAndWarned()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["x", "flat"], 10, (t, c) => c == 0 ? t : 3.5));
        var data = DataLoader.Load(temp.Path, new DataOptions());
        Assert.Equal(1f, data.InputNormalization.Std[1]);
        Assert.Equal(3.5f, data.InputNormalization.Mean[1]);
        Assert.True(data.Summary.Channels[1].IsConstant);
        Assert.False(data.Summary.Channels[0].IsConstant);
        Assert.Contains(data.Summary.Warnings, w => w.Contains("'flat'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ForecastWithoutColumns_LeavesLabelLikeColumnsOutAndSaysSo()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "timestamp,vibration,current,label,Anomaly\n" + string.Concat(Enumerable.Range(0, 20).Select(t => $"{t},{t * 0.5},{20 - t},{t % 2},0\n")));

        var data = DataLoader.Load(temp.Path, new DataOptions());

        Assert.Equal(["vibration", "current"], data.InputNames);
        Assert.Contains(data.Summary.Warnings, w => w.StartsWith("Column 'label' looks like labels", StringComparison.Ordinal));
        Assert.Contains(data.Summary.Warnings, w => w.StartsWith("Column 'Anomaly' looks like labels", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_LabelLikeColumnNamedInColumns_IsAnInput()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "x,label\n" + string.Concat(Enumerable.Range(0, 20).Select(t => $"{t},{t % 3}\n")));

        var data = DataLoader.Load(temp.Path, new DataOptions { Columns = ["x", "label"] });

        Assert.Equal(["x", "label"], data.InputNames);
        Assert.DoesNotContain(data.Summary.Warnings, w => w.Contains("looks like labels", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TargetSubset_GathersTargetsAndOutputNormalisation()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["a", "b", "c"], 20, (t, c) => (c * 100) + t));
        var data = DataLoader.Load(temp.Path, new DataOptions { TargetColumns = ["c", "a"] });
        Assert.Equal([2, 0], data.TargetChannels);
        Assert.Equal(2, data.OutputWidth);
        Assert.Equal([data.InputNormalization.Mean[2], data.InputNormalization.Mean[0]], data.OutputNormalization.Mean.ToArray());
        var sequence = data.Sequences[0];
        Assert.Equal(sequence.Inputs[(5 * 3) + 2], sequence.Targets[(5 * 2) + 0]);
        Assert.Equal(sequence.Inputs[(5 * 3) + 0], sequence.Targets[(5 * 2) + 1]);
    }

    [Fact]
    public void Load_LabelTask_ClassesSortedNumericallyAcrossFiles()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "x,label\n1,10\n2,2\n3,2\n");
        temp.Write("b.csv", "x,label\n1,1\n2,10\n");
        var data = DataLoader.Load(temp.Path, new DataOptions { Task = ModelTask.Label, ValidationFraction = 0 });
        Assert.Equal(["1", "2", "10"], data.ClassNames);
        Assert.Equal(3, data.OutputWidth);
        Assert.Equal([2, 1, 1], data.Sequences[0].Labels);
        Assert.Equal([0, 2], data.Sequences[1].Labels);
        Assert.Equal([new ClassSummary("1", 1, 0), new ClassSummary("2", 2, 0), new ClassSummary("10", 2, 0)], data.Summary.Classes);
        Assert.True(data.OutputNormalization.IsIdentity);
    }

    [Fact]
    public void Load_FixedNormalization_UsedInsteadOfFitted()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", CsvFiles.Numeric(["x"], 10, (t, _) => t));
        var fixedNormalization = new ChannelNormalization([2f], [4f]);
        var data = DataLoader.Load(temp.Path, new DataOptions { FixedNormalization = fixedNormalization });
        Assert.Same(fixedNormalization, data.InputNormalization);
        Assert.Equal((6f - 2f) / 4f, data.Sequences[0].Inputs[6]);
        Assert.Equal(6f, data.Sequences[0].RawInputs[6]);
        Assert.Equal(4.5, data.Summary.Channels[0].Mean, 6);
    }

    [Fact]
    public void Load_TargetColumnsForClassify_Throws()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "x,label\n1,a\n");
        var options = new DataOptions { Task = ModelTask.Classify, TargetColumns = ["x"] };
        Assert.Contains("forecast", Assert.Throws<RecordingException>(() => DataLoader.Load(temp.Path, options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Summary_SumsFileCounts()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "time,x\n0,1\n1,\n2,3\n3,4\n100,5\n101,6\n");
        temp.Write("b.csv", "time,x\n0,1\n1,2\n2,\n3,\n4,\n5,\n6,7\n7,8\n");
        var data = DataLoader.Load(Path.Combine(temp.Path, "*.csv"), new DataOptions { ValidationFraction = 0 });
        var summary = data.Summary;
        Assert.Equal(14, summary.Rows);
        Assert.Equal(10, summary.UsableRows);
        Assert.Equal(1, summary.CarriedCells);
        Assert.Equal(4, summary.DroppedRows);
        Assert.Equal(2, summary.Gaps);
        Assert.Equal(1.0, summary.SamplePeriodSeconds);
        Assert.Equal(1.0, data.SamplePeriodSeconds);
        Assert.Equal(4, data.TrainSegments.Count);
    }

    [Fact]
    public void Lines_Summary_MentionsCountsChannelsAndWarnings()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "time,x,flat\n0,1,2\n1,,2\n2,3,2\n3,4,2\n9,5,2\n10,6,2\n");
        var data = DataLoader.Load(temp.Path, new DataOptions());
        var lines = DataSummaryText.Lines(data.Summary).ToArray();
        Assert.StartsWith("1 file(s), 6 rows, 6 usable, 1 cells carried, 0 rows dropped, 1 break(s); 5 training and 1 validation steps.", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("  flat: mean 2,", StringComparison.Ordinal) && l.EndsWith("(constant)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Warning: Channel 'flat'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("timestamps break it 1 times", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MillisecondTimestamps_Warned()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "time,x\n1700000000000,1\n1700000000100,2\n1700000000200,3\n");
        var data = DataLoader.Load(temp.Path, new DataOptions());
        Assert.Contains(data.Summary.Warnings, w => w.Contains("Unix milliseconds", StringComparison.Ordinal));
    }

    private static void AssertStats(double[] values, float mean, float std)
    {
        double m = values.Average();
        double s = Math.Sqrt(values.Select(v => (v - m) * (v - m)).Average());
        Assert.Equal(m, mean, 4);
        Assert.Equal(s, std, 4);
    }
}
