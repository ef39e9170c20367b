using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

public sealed class NabFilesTests
{
    [Fact]
    public void ReadWindows_TestDataLabels_ParsesEveryFileAndBound()
    {
        var windows = NabLabelsReader.ReadWindows(NabTestData.Windows);

        Assert.Equal(5, windows.Count);
        Assert.Empty(windows["artificialNoAnomaly/art_daily_small_noise.csv"]);
        var first = windows["realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv"][0];
        Assert.Equal(new DateTime(2014, 4, 8, 19, 55, 0), first.Start);
        Assert.Equal(new DateTime(2014, 4, 9, 7, 5, 0), first.End);
    }

    [Fact]
    public void ReadWindows_BadBound_ThrowsNamingFileAndWindow()
    {
        const string json = """{ "cat/a.csv": [["2014-01-01 00:00:00.000000", "yesterday"]] }""";

        var e = Assert.Throws<DataFileException>(() => NabLabelsReader.ReadWindows(json, "labels.json"));

        Assert.Equal("labels.json: 'cat/a.csv' window 1: expected a timestamp, found 'yesterday'", e.Message);
    }

    [Fact]
    public void ReadWindows_InvalidJson_ThrowsNamingTheFile()
    {
        var e = Assert.Throws<DataFileException>(() => NabLabelsReader.ReadWindows("{ \"a\": [", "labels.json"));

        Assert.StartsWith("labels.json, line 1: expected JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindWindows_ByFileNameOnly_FindsTheCategoryKey()
    {
        var windows = NabLabelsReader.ReadWindows(NabTestData.Windows);

        var found = NabLabelsReader.FindWindows(windows, "/some/where/exchange-3_cpc_results.csv", NabTestData.Windows);

        Assert.Same(windows["realAdExchange/exchange-3_cpc_results.csv"], found);
    }

    [Fact]
    public void ReadProfiles_TestDataProfiles_AreNabsThreeProfiles()
    {
        var profiles = NabProfilesReader.Read(NabTestData.Profiles);

        Assert.Equal(NabCostProfile.All.OrderBy(p => p.Name), profiles.OrderBy(p => p.Name));
    }

    [Fact]
    public void ReadResults_DecreasingTimestamp_KeptInArrivalOrder()
    {
        const string csv = "timestamp,value,anomaly_score\n2014-01-01 00:05:00,1,0.1\n2014-01-01 00:00:00,1,0.2\n2014-01-01 00:05:00,1,0.3\n";

        var series = NabFileReader.ReadResults(new StringReader(csv), "r.csv");

        Assert.Equal([new DateTime(2014, 1, 1, 0, 5, 0), new DateTime(2014, 1, 1, 0, 0, 0), new DateTime(2014, 1, 1, 0, 5, 0)], series.Timestamps);
        Assert.Equal([0.1, 0.2, 0.3], series.AnomalyScores!);
    }

    [Fact]
    public void Create_ClockStepsBackBeforeAWindow_WindowBoundsAreTheFirstRowsWithThoseTimestamps()
    {
        // 02:00..02:55, then the clock steps back to 02:00 and runs on to 03:55; the window is 03:00..03:10.
        var start = new DateTime(2014, 1, 1, 2, 0, 0);
        var timestamps = Enumerable.Range(0, 12).Select(i => start.AddMinutes(5 * i)).Concat(Enumerable.Range(0, 24).Select(i => start.AddMinutes(5 * i))).ToList();
        var scores = new double[timestamps.Count];

        var file = NabScoringFile.Create("f.csv", timestamps, scores, [new NabWindow(start.AddHours(1), start.AddHours(1).AddMinutes(10))]);

        Assert.Equal(Enumerable.Range(0, 36).Select(r => r is >= 24 and <= 26 ? 0 : -1), file.RowWindow);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsInNabsLayout()
    {
        var root = Path.Combine(Path.GetTempPath(), "edgernn-nab-" + Guid.NewGuid().ToString("N"));
        try
        {
            DateTime[] timestamps = [new(2014, 1, 1, 0, 0, 0), new(2014, 1, 1, 0, 5, 0)];
            double[] values = [1.5, -2.25];
            double[] scores = [0.1, 0.30000000000000004];

            var path = NabResultsWriter.Write(root, "edgernn", "realTweets/Twitter_volume_FB.csv", timestamps, values, scores);
            var series = NabFileReader.ReadResults(path);

            Assert.Equal(Path.Combine(root, "edgernn", "realTweets", "edgernn_Twitter_volume_FB.csv"), path);
            Assert.StartsWith("timestamp,value,anomaly_score\n2014-01-01 00:00:00,1.5,0.1\n", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Equal(timestamps, series.Timestamps);
            Assert.Equal(values, series.Values);
            Assert.Equal(scores, series.AnomalyScores);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
