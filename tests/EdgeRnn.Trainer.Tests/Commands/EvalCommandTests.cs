using System.CommandLine;
using System.Xml;
using EdgeRnn.Trainer.Commands;
using EdgeRnn.Trainer.Tests.Evaluation.Nab;

namespace EdgeRnn.Trainer.Tests.Commands;

public sealed class EvalCommandTests
{
    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { EvalCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(["eval", .. args]).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Eval_NumentaResultsWithWindowsAtPublishedThreshold_PrintsTheReferenceRawScore()
    {
        var results = NabTestData.NumentaResults("realAdExchange/exchange-3_cpc_results.csv");

        var (code, output, error) = Run("--scores", results, "--label-column", "label", "--windows", NabTestData.Windows, "--threshold", "0.5421876907348634");

        Assert.True(code == 0, error);
        // Published: numenta, standard, exchange-3_cpc_results.csv: 2.72249645115 (4 rows detected in its 3 windows).
        Assert.Contains("standard             threshold 0.542188  raw 2.7225", output, StringComparison.Ordinal);
        Assert.Contains("NAB: 3 windows", output, StringComparison.Ordinal);
        // Point-wise counts cover every row: the 5 false positives all lie in NAB's probationary period.
        Assert.Contains("TP 4  FP 5", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_SemicolonFileWithLabels_PrintsPointwiseMetricsByHand()
    {
        var path = Path.Combine(Path.GetTempPath(), $"edgernn-eval-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "datetime;value;score;anomaly\n2020-03-09 10:00:00;1;0.9;1\n2020-03-09 10:00:01;1;0.8;0\n2020-03-09 10:00:02;1;0.3;1\n2020-03-09 10:00:03;1;0.2;0\n");
        try
        {
            var (code, output, error) = Run("--scores", path, "--score-column", "score", "--label-column", "anomaly", "--threshold", "0.3");

            Assert.True(code == 0, error);
            Assert.Contains("precision 0.6667  recall 1.0000  F1 0.8000  FAR 50.00%  MAR 0.00%", output, StringComparison.Ordinal);
            Assert.Contains("threshold 0.3 (given)", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Eval_ClockStepsBackInsideTheFileWithNabWindows_ScoredInFileOrderAndTheClockReported()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"edgernn-eval-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            // 5-minute rows 00:00..02:55, then the clock steps back to 02:00 and runs on; row 40 repeats row 39.
            var start = new DateTime(2015, 3, 1, 0, 0, 0);
            var times = Enumerable.Range(0, 36).Select(i => start.AddMinutes(5 * i)).Concat(Enumerable.Range(0, 60).Select(i => start.AddHours(2).AddMinutes(5 * i))).ToList();
            times[40] = times[39];
            var text = new System.Text.StringBuilder("timestamp,value,anomaly_score\n");
            for (int r = 0; r < times.Count; r++)
            {
                text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{times[r]:yyyy-MM-dd HH:mm:ss},1,{(r == 80 ? 0.9 : 0.1)}\n");
            }

            string data = Path.Combine(folder, "clock.csv");
            File.WriteAllText(data, text.ToString());
            string windows = Path.Combine(folder, "windows.json");
            File.WriteAllText(windows, """{"x/clock.csv": [["2015-03-01 05:50:00.000000", "2015-03-01 06:30:00.000000"]]}""");

            var (code, output, error) = Run("--scores", data, "--windows", windows);

            Assert.True(code == 0, error);
            Assert.Contains("rows scored in file order; clock stepped back 1 time (by 55 min), 1 repeated timestamp", output, StringComparison.Ordinal);
            Assert.Contains("NAB: 1 windows", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Eval_NeitherLabelsNorWindows_FailsWithAClearMessage()
    {
        var (code, _, error) = Run("--scores", NabTestData.NumentaResults("realAdExchange/exchange-3_cpc_results.csv"));

        Assert.Equal(1, code);
        Assert.Contains("expected --label-column or --windows", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_MissingScoreColumn_FailsNamingTheFileAndColumns()
    {
        var results = NabTestData.NumentaResults("realAdExchange/exchange-3_cpc_results.csv");

        var (code, _, error) = Run("--scores", results, "--score-column", "nope", "--label-column", "label");

        Assert.Equal(1, code);
        Assert.Contains(results, error, StringComparison.Ordinal);
        Assert.Contains("expected a column 'nope'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_WithReport_WritesAWellFormedReportWithOnePanel()
    {
        var report = Path.Combine(Path.GetTempPath(), $"edgernn-eval-{Guid.NewGuid():N}.html");
        try
        {
            var (code, _, error) = Run("--scores", NabTestData.NumentaResults("realAWSCloudwatch/ec2_disk_write_bytes_c0d644.csv"), "--windows", NabTestData.Windows, "--report", report);

            Assert.True(code == 0, error);
            var document = new XmlDocument();
            using (var reader = XmlReader.Create(report, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }))
            {
                document.Load(reader);
            }

            var sections = document.GetElementsByTagName("section");
            Assert.Equal(1, sections.Count);
        }
        finally
        {
            File.Delete(report);
        }
    }
}
