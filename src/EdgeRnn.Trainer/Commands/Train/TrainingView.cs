using System.Globalization;
using EdgeRnn.Training.Training.Loop;
using Spectre.Console;

namespace EdgeRnn.Trainer.Commands.Train;

/// <summary>Where <c>edgernn train</c> shows its progress and results: live on a terminal, plain lines when redirected.</summary>
internal abstract class TrainingView
{
    /// <summary>A live Spectre.Console view when standard output is a terminal and is where output goes; plain lines otherwise.</summary>
    public static TrainingView For(TextWriter output) =>
        !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out) ? new LiveTrainingView() : new PlainTrainingView(output);

    /// <summary>Runs the training, showing its progress.</summary>
    public abstract TrainingResult Run(Func<Action<TrainingProgress>, TrainingResult> fit);

    public abstract void Line(string text);

    /// <summary>A warning; <paramref name="severe"/> ones (an alarm decision changed) are red.</summary>
    public abstract void Warn(string text, bool severe);

    public abstract void Table(string title, IReadOnlyList<(string Name, string Value)> rows);

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

/// <summary>Plain lines: one per finished epoch.</summary>
internal sealed class PlainTrainingView(TextWriter output) : TrainingView
{
    public override TrainingResult Run(Func<Action<TrainingProgress>, TrainingResult> fit)
    {
        var clock = new EpochClock();
        return fit(p =>
        {
            var eta = clock.Observe(p);
            if (p.Finished is not null)
            {
                output.WriteLine(Describe(p, eta));
            }
        });
    }

    public override void Line(string text) => output.WriteLine(text);

    public override void Warn(string text, bool severe) => output.WriteLine((severe ? "WARNING: " : "warning: ") + text);

    public override void Table(string title, IReadOnlyList<(string Name, string Value)> rows)
    {
        output.WriteLine(title);
        int width = rows.Max(r => r.Name.Length);
        foreach (var (name, value) in rows)
        {
            output.WriteLine($"  {name.PadRight(width)}  {value}");
        }
    }
}

/// <summary>A Spectre.Console progress bar per epoch.</summary>
internal sealed class LiveTrainingView : TrainingView
{
    public override TrainingResult Run(Func<Action<TrainingProgress>, TrainingResult> fit)
    {
        var clock = new EpochClock();
        return AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .Start(context =>
            {
                ProgressTask? task = null;
                return fit(p =>
                {
                    var eta = clock.Observe(p);
                    if (task is null || (p.Finished is null && task.IsFinished))
                    {
                        task = context.AddTask(Markup.Escape(Describe(p, eta)), maxValue: Math.Max(1, p.Batches));
                    }

                    task.Description = Markup.Escape(Describe(p, eta));
                    if (p.Finished is null)
                    {
                        task.Value = p.Batch;
                    }
                    else
                    {
                        task.Value = task.MaxValue;
                        task.StopTask();
                    }
                });
            });
    }

    public override void Line(string text) => AnsiConsole.WriteLine(text);

    public override void Warn(string text, bool severe) => AnsiConsole.MarkupLine($"[{(severe ? "red bold" : "yellow")}]{Markup.Escape(text)}[/]");

    public override void Table(string title, IReadOnlyList<(string Name, string Value)> rows)
    {
        var table = new Table { Title = new TableTitle(Markup.Escape(title)) }.AddColumn("").AddColumn("");
        table.ShowHeaders = false;
        foreach (var (name, value) in rows)
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        AnsiConsole.Write(table);
    }
}
