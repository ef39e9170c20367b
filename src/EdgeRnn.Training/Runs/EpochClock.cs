using System.Diagnostics;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Runs;

/// <summary>Estimates the time left from the epochs' times: the mean finished epoch, or the current one's pace before any finished.</summary>
internal sealed class EpochClock
{
    private readonly Stopwatch _epoch = new();
    private double _finishedSeconds;
    private int _finished;

    /// <summary>Records a progress report; returns the estimated time left.</summary>
    public TimeSpan? Observe(TrainingProgress progress)
    {
        if (progress.Finished is { } record)
        {
            _finishedSeconds += record.Seconds;
            _finished++;
            _epoch.Reset();
            return Remaining(progress.Epochs - progress.Epoch, 1);
        }

        if (!_epoch.IsRunning)
        {
            _epoch.Restart();
        }

        double fraction = progress.Batches == 0 ? 0 : (double)progress.Batch / progress.Batches;
        return Remaining(progress.Epochs - progress.Epoch, fraction);
    }

    private TimeSpan? Remaining(int epochsAfterThis, double fraction)
    {
        double epochSeconds = _finished > 0 ? _finishedSeconds / _finished : fraction > 0 ? _epoch.Elapsed.TotalSeconds / fraction : double.NaN;
        if (double.IsNaN(epochSeconds))
        {
            return null;
        }

        double seconds = (epochSeconds * (1 - fraction)) + (epochSeconds * epochsAfterThis);
        return TimeSpan.FromSeconds(Math.Max(0, seconds));
    }
}
