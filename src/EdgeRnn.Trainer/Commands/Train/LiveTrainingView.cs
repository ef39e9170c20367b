using EdgeRnn.Training.Runs;
using EdgeRnn.Training.Training.Loop;
using Spectre.Console;

namespace EdgeRnn.Trainer.Commands.Train;

/// <summary>A Spectre.Console progress bar per epoch.</summary>
internal sealed class LiveTrainingView : TrainingView
{
    public override TResult Run<TResult>(Func<Action<TrainingProgress>, TResult> fit)
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
