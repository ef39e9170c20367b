using System.Globalization;
using EdgeRnn.Training.Training.Loop;

namespace EdgeRnn.Training.Runs;

/// <summary>Where a training run shows its progress and results: plain lines here; <c>edgernn train</c> adds a live view for a terminal.</summary>
internal abstract class TrainingView
{
    /// <summary>Runs the training, showing its progress.</summary>
    public abstract TResult Run<TResult>(Func<Action<TrainingProgress>, TResult> fit);

    public abstract void Line(string text);

    /// <summary>A warning; <paramref name="severe"/> ones (an alarm decision changed) are red.</summary>
    public abstract void Warn(string text, bool severe);

    public abstract void Table(string title, IReadOnlyList<(string Name, string Value)> rows);

    /// <summary>Says why a run stopped before its last epoch (nothing when it ran them all).</summary>
    /// <param name="stop">Why the run stopped.</param>
    /// <param name="epochsRun">The epochs completed.</param>
    /// <param name="bestEpoch">The epoch whose weights are written.</param>
    /// <param name="patience">The early-stopping patience in epochs.</param>
    /// <param name="resumable">Whether a checkpoint lets <c>--resume</c> continue.</param>
    public void ReportStop(StopReason stop, int epochsRun, int bestEpoch, int patience, bool resumable)
    {
        switch (stop)
        {
            case StopReason.Cancelled:
                Warn(epochsRun == 0
                    ? "Cancelled during the first epoch: the model holds partly trained, unvalidated weights."
                    : $"Cancelled: writing the best model so far (epoch {bestEpoch}){(resumable ? "; --resume continues from the checkpoint" : string.Empty)}.", severe: false);
                break;
            case StopReason.Diverged:
                Warn($"Training diverged (the loss became NaN or infinite); writing the best model so far (epoch {bestEpoch}). Try a smaller --lr or a --clip.", severe: true);
                break;
            case StopReason.EarlyStopped:
                Line($"Stopped early: no better validation loss for {patience} epochs; keeping epoch {bestEpoch}.");
                break;
        }
    }

    protected static string Describe(TrainingProgress p, TimeSpan? eta)
    {
        string left = eta is { } e ? $"  ETA {e:hh\\:mm\\:ss}" : string.Empty;
        if (p.Finished is { } r)
        {
            return string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}/{p.Epochs}  train {r.TrainLoss:G5}  val {r.ValidationLoss:G5}  {r.WindowsPerSecond:F0} windows/s  {r.Seconds:F1} s{left}");
        }

        return string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs}  train {p.TrainLoss:G5}  {p.WindowsPerSecond:F0} windows/s{left}");
    }
}

/// <summary>Plain lines, one per finished epoch, to <paramref name="writeLine"/>.</summary>
internal sealed class PlainTrainingView(Action<string> writeLine) : TrainingView
{
    public override TResult Run<TResult>(Func<Action<TrainingProgress>, TResult> fit)
    {
        var clock = new EpochClock();
        return fit(p =>
        {
            var eta = clock.Observe(p);
            if (p.Finished is not null)
            {
                writeLine(Describe(p, eta));
            }
        });
    }

    public override void Line(string text) => writeLine(text);

    public override void Warn(string text, bool severe) => writeLine((severe ? "WARNING: " : "warning: ") + text);

    public override void Table(string title, IReadOnlyList<(string Name, string Value)> rows)
    {
        writeLine(title);
        int width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            writeLine($"  {name.PadRight(width)}  {value}");
        }
    }
}
