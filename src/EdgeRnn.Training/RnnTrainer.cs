using EdgeRnn.Training.Data;
using EdgeRnn.Training.Runs;

namespace EdgeRnn.Training;

/// <summary>Trains a forecasting model and its anomaly detector from recordings: what <c>edgernn train</c> does, from code.</summary>
public static class RnnTrainer
{
    /// <summary>
    /// Loads the recordings, trains, calibrates the alarm threshold and quantizes as <paramref name="options"/> say, through
    /// the code <c>edgernn train</c> runs: the same options give the same model bytes.
    /// </summary>
    /// <remarks>
    /// The detectors (<see cref="DetectorKind.Reference"/>, <see cref="DetectorKind.Adaptive"/>) forecast every input
    /// channel; the model's anomaly score is the detector's, in [0, 1], and it alarms at the threshold it carries
    /// (<see cref="EdgeRnn.Runtime.AnomalyDetector"/> runs it). Cancellation is looked at before the run; for
    /// <see cref="DetectorKind.Simple"/> it also stops training after the current batch and the best weights so far are
    /// calibrated and returned, as Ctrl-C does in <c>edgernn train</c>; a detector's ensemble trains to the end.
    /// </remarks>
    /// <param name="recordings">CSV files (read by the recording contract, <c>EdgeRnn.Recordings</c>: ',' ';' or tab, quoting,
    /// an optional header and timestamp column; a timestamp without a zone is UTC), folders of them or globs.</param>
    /// <param name="options">What to train; <c>new RnnTrainingOptions()</c> gives <c>edgernn train</c>'s defaults.</param>
    /// <param name="progress">Receives the lines <c>edgernn train</c> prints to a file: the data summary, warnings, one line per epoch and the summary table; null for none.</param>
    /// <param name="cancellationToken">Stops the run (see remarks).</param>
    /// <returns>The model, int8 or float32 as <see cref="RnnTrainingOptions.Quantize"/> chose, and the run's summary.</returns>
    /// <exception cref="ArgumentException">An option is out of range, or the options do not fit the data.</exception>
    /// <exception cref="RecordingException">A recording cannot be read or is too short for the options.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the run.</exception>
    public static TrainedModel Train(IReadOnlyList<string> recordings, RnnTrainingOptions options, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordings);
        ArgumentNullException.ThrowIfNull(options);
        cancellationToken.ThrowIfCancellationRequested();
        var settings = TrainSettings.Create(recordings, output: null, options);
        var view = new PlainTrainingView(line => progress?.Report(line));
        return new TrainRun(settings, view).Execute(cancellationToken);
    }
}
