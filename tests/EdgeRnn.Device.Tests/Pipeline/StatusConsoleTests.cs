using EdgeRnn.Device.Pipeline;

namespace EdgeRnn.Device.Tests.Pipeline;

public class StatusConsoleTests
{
    [Fact]
    public void WriteLine_WhileAStatusIsShown_ErasesItFirst()
    {
        var inner = new StringWriter();
        var console = new StatusConsole(inner);

        console.ShowStatus("12 samples");
        console.WriteLine("ALARM RAISED");
        console.WriteLine("next");

        Assert.Equal("\r\u001b[K12 samples\r\u001b[KALARM RAISED" + Environment.NewLine + "next" + Environment.NewLine, inner.ToString());
    }

    [Fact]
    public void ClearStatus_NoStatusShown_WritesNothing()
    {
        var inner = new StringWriter();
        var console = new StatusConsole(inner);

        console.ClearStatus();

        Assert.Empty(inner.ToString());
    }

    [Fact]
    public void Format_TwoReadings_RateStepAndAlarmState()
    {
        var before = new RunStatus(TimeSpan.FromSeconds(1), 1000, 0.001, 0.1f, false, 0, 0, 0, 0);
        var now = new RunStatus(TimeSpan.FromSeconds(2), 3000, 0.005, 0.9993f, true, 2, 1, 4, 5);

        string text = LiveView.Format(now, before);

        Assert.Contains("3,000 samples", text, StringComparison.Ordinal);
        Assert.Contains("2,000/s", text, StringComparison.Ordinal);
        Assert.Contains("step   2.00 µs", text, StringComparison.Ordinal);
        Assert.Contains("score 0.9993 | ALARM | raised 2 | bad 4 | dropped 5 | SENSOR FAULT ×1", text, StringComparison.Ordinal);
    }
}
