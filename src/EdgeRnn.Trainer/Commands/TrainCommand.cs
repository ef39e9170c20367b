using System.CommandLine;
using System.Runtime.InteropServices;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Commands.Train;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Runs;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn train</c>: trains an LSTM, GRU or RNN on recordings, calibrates its anomaly scoring on the validation part
/// and writes a model file (int8 by default) that the board runs without configuration. Ctrl-C stops after the current
/// batch and writes the best model so far; <c>--resume</c> continues from the checkpoint written after every epoch.
/// </summary>
internal static class TrainCommand
{
    internal static Command Create()
    {
        var options = new TrainOptionSet();
        var command = new Command("train", "Train a recurrent model on recordings, calibrate its alarm threshold and write the model file");
        foreach (var option in options.All())
        {
            command.Options.Add(option);
        }

        // The work runs on the thread pool so that the action's task exists at once: System.CommandLine watches that task
        // for Ctrl-C (cancelling the token, then waiting up to its ProcessTerminationTimeout for the best model to be written).
        command.SetAction((parseResult, cancellationToken) => Task.Run(() =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            try
            {
                var settings = options.Read(parseResult);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                using var interrupt = FirstInterruptCancels(stop, PosixSignal.SIGINT);
                using var terminate = FirstInterruptCancels(stop, PosixSignal.SIGTERM);
                new TrainRun(settings, View(output)).Execute(stop.Token);
                return 0;
            }
            catch (Exception e) when (e is RecordingException or ArgumentException or IOException or InvalidDataException or ModelFormatException or UnauthorizedAccessException)
            {
                error.WriteLine($"edgernn train: {OneLine(e.Message)}");
                return 1;
            }
        }, CancellationToken.None));
        return command;
    }

    /// <summary>A live Spectre.Console view when standard output is a terminal and is where output goes; plain lines otherwise.</summary>
    private static TrainingView View(TextWriter output) =>
        !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out) ? new LiveTrainingView() : new PlainTrainingView(output.WriteLine);

    /// <summary>
    /// The first Ctrl-C (or SIGTERM) cancels <paramref name="stop"/> and keeps the process alive to write the best model,
    /// whether or not the host's System.CommandLine configuration handles termination; a second one ends the process.
    /// </summary>
    private static PosixSignalRegistration FirstInterruptCancels(CancellationTokenSource stop, PosixSignal signal) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            if (!stop.IsCancellationRequested)
            {
                context.Cancel = true;
                stop.Cancel();
            }
        });

    /// <summary>An error message on one line (an ArgumentOutOfRangeException adds "Actual value was …" on a second).</summary>
    internal static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
