using System.CommandLine;

namespace EdgeRnn.Device.Commands;

/// <summary>
/// <c>edgernn-device demo</c>, also what <c>edgernn-device</c> does without arguments: replays the bundled pump recording
/// (models/pump/pump-demo.csv, with five injected faults and their labels) through the bundled int8 model
/// (models/pump/pump.ernn, trained by <c>edgernn train</c> on models/pump/pump-train.csv) at 100× real time, with the
/// live view, the alarms on the console and a summary of alarms against the labelled faults. Every <c>run</c> option works.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The demo's default replay speed: the 20-minute recording in 12 seconds.</summary>
    public const string DefaultSpeed = "100";

    /// <summary>The bundled model, copied beside the program at build time.</summary>
    public static string ModelPath => Path.Combine(AppContext.BaseDirectory, "models", "pump", "pump.ernn");

    /// <summary>The bundled recording, copied beside the program at build time.</summary>
    public static string RecordingPath => Path.Combine(AppContext.BaseDirectory, "models", "pump", "pump-demo.csv");

    /// <summary>Creates the demo command.</summary>
    /// <returns>The command.</returns>
    internal static Command Create() => Configure(new Command("demo", "Replay the bundled pump recording (five injected faults) through the bundled int8 model at 100× real time: live view, alarms, summary. Takes every run option."));

    /// <summary>Adds the demo's options and action to a command (the root command runs the demo too).</summary>
    /// <param name="command">The command.</param>
    /// <returns>The same command.</returns>
    internal static Command Configure(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var options = new RunOptions();
        options.Model.DefaultValueFactory = _ => ModelPath;
        options.Source.DefaultValueFactory = _ => "csv:" + RecordingPath;
        options.Speed.DefaultValueFactory = _ => DefaultSpeed;
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => RunCommand.Invoke(parseResult, options, parseResult.GetValue(options.Model)!, parseResult.GetValue(options.Source)!));
        return command;
    }
}
