using System.Globalization;
using System.Text;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Persistence;

namespace EdgeRnn.Device.Tests.Pipeline;

/// <summary>The device program as a user runs it: arguments, standard input, signals, exit codes.</summary>
public sealed class RunProcessTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-proc-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task NoArguments_RunsTheBundledDemo()
    {
        using var child = DeviceProcess.Start("--speed", "max", "--view", "none");

        Assert.Equal(0, await child.ExitAsync(Limit));
        Assert.Contains("pump.ernn", child.Output, StringComparison.Ordinal);
        Assert.Contains("5 anomalies in the recording: 5 caught, 0 missed", child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Sigterm_StopsSavesTheStateAndExitsZero()
    {
        string state = Path.Combine(_directory, "state");
        using var child = DeviceProcess.Start("run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?rate=200&speed=1", "--state", state, "--view", "none");
        await child.WaitForOutputAsync("source: sim:pump", Limit);
        await Task.Delay(500);

        child.Signal("TERM");

        Assert.Equal(0, await child.ExitAsync(Limit));
        Assert.Contains("stopped by a signal", child.Output, StringComparison.Ordinal);
        Assert.Contains("state       1 saves to", child.Output, StringComparison.Ordinal);
        var model = EdgeRnn.Runtime.RnnModel.Load(DemoCommand.ModelPath);
        var loaded = new StateStore(state, TextWriter.Null).Load(model.CreateState());
        Assert.Equal(StateSource.Current, loaded.Source);
        Assert.True(loaded.Saved!.SampleIndex > 0);
    }

    [Fact]
    public async Task Run_ScoresThenSigterm_EveryScoredSampleHasItsRow()
    {
        string scores = Path.Combine(_directory, "scores.csv");
        using var child = DeviceProcess.Start("run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?rate=500&speed=1", "--scores", scores, "--view", "none");
        await child.WaitForOutputAsync("source: sim:pump", Limit);
        await Task.Delay(500);

        child.Signal("TERM");

        Assert.Equal(0, await child.ExitAsync(Limit));
        var match = System.Text.RegularExpressions.Regex.Match(child.Output, @"scores\s+([\d,]+) rows to .*, 0 dropped");
        Assert.True(match.Success, child.Output);
        long rows = long.Parse(match.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(rows > 0);
        Assert.Contains($"samples     {rows.ToString("N0", CultureInfo.InvariantCulture)} ", child.Output, StringComparison.Ordinal);
        Assert.Equal(rows + 1, File.ReadAllLines(scores).Length);
    }

    [Fact]
    public async Task Run_ScoresThenSigkill_TheFileHoldsOnlyWholeRows()
    {
        string scores = Path.Combine(_directory, "scores.csv");
        using var child = DeviceProcess.Start("run", "--model", DemoCommand.ModelPath, "--source", "sim:pump?rate=2000&speed=1", "--scores", scores, "--view", "none");
        await child.WaitForOutputAsync("source: sim:pump", Limit);
        await Task.Delay(700);

        child.Signal("KILL");
        await child.ExitAsync(Limit);

        string text = File.ReadAllText(scores);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        string[] lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("timestamp,score,alarm,change_point", lines[0]);
        Assert.True(lines.Length > 1, "rows written before the kill");
        Assert.All(lines.Skip(1), line => Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?,[0-9.Ee+-]+,[01],(none|up|down)$", line));
    }

    [Fact]
    public async Task Run_StandardInput_ScoresEveryLineAndEndsAtEndOfInput()
    {
        using var child = DeviceProcess.Start("run", "--model", DemoCommand.ModelPath, "--source", "stdin", "--view", "none");
        var lines = new StringBuilder("vibration_rms,temperature,motor_current\n");
        for (int i = 0; i < 300; i++)
        {
            lines.Append(CultureInfo.InvariantCulture, $"{1.5 + (0.2 * Math.Sin(i * 0.5)):0.000},{53 + (i * 0.001):0.000},{4.8:0.0}\n");
        }

        await child.Input.WriteAsync(lines.ToString());
        child.Input.Close();

        Assert.Equal(0, await child.ExitAsync(Limit));
        Assert.Contains("end of the source", child.Output, StringComparison.Ordinal);
        Assert.Contains("samples     300 ", child.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--rate", "0", "Expected --rate to be a rate in (0, 100000] Hz; found 0.")]
    [InlineData("--alarm", "syslog", "Expected --alarm console, json, json:<path>, gpio:<chip>:<line>[:active-low] or mqtt://host[:port]/<topic-prefix>[?...]; found 'syslog'.")]
    [InlineData("--metrics", "0.0.0.0:9108", "--metrics-public")]
    [InlineData("--alarm-threshold", "1.5", "Expected --alarm-threshold to be a score in [0, 1]; found 1.5")]
    public async Task Run_BadOptionValue_ExitsTwoSayingWhatWasExpected(string option, string value, string expected)
    {
        using var child = DeviceProcess.Start("run", "--model", DemoCommand.ModelPath, "--source", "stdin", option, value);

        Assert.Equal(2, await child.ExitAsync(Limit));
        Assert.Contains(expected, child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunHelp_ListsEveryOption()
    {
        using var child = DeviceProcess.Start("run", "--help");

        Assert.Equal(0, await child.ExitAsync(Limit));
        foreach (var option in new RunOptions().All)
        {
            Assert.Contains(option.Name, child.Output, StringComparison.Ordinal);
        }
    }
}
