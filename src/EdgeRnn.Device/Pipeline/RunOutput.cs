using EdgeRnn.Device.Alarms;

namespace EdgeRnn.Device.Pipeline;

/// <summary>Where a run writes: the real console and hardware, or captures in tests.</summary>
/// <param name="Human">Events, warnings, the status line and the summary for people.</param>
/// <param name="HumanIsTerminal">Whether <paramref name="Human"/> is an interactive terminal (live status line).</param>
/// <param name="StandardOutput">The process's standard output as bytes, for <c>--alarm json</c>.</param>
/// <param name="OpenLine">Opens the GPIO line of a <c>--alarm gpio:</c> spec.</param>
internal sealed record RunOutput(TextWriter Human, bool HumanIsTerminal, Stream StandardOutput, Func<GpioAlarmSpec, IAlarmLine> OpenLine)
{
    /// <summary>The process's console: human output on standard output, or on standard error when JSON lines take
    /// standard output; GPIO lines on the real chip.</summary>
    /// <param name="jsonOnStandardOutput">Whether an <c>--alarm json</c> writes to standard output.</param>
    /// <returns>The output.</returns>
    public static RunOutput Console(bool jsonOnStandardOutput) => jsonOnStandardOutput
        ? new RunOutput(System.Console.Error, !System.Console.IsErrorRedirected, System.Console.OpenStandardOutput(), GpioAlarmLine.Open)
        : new RunOutput(System.Console.Out, !System.Console.IsOutputRedirected, System.Console.OpenStandardOutput(), GpioAlarmLine.Open);
}
