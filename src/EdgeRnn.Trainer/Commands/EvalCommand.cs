using System.CommandLine;
using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Training.Evaluation;
using EdgeRnn.Training.Evaluation.Data;
using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Training.Evaluation.Report;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn eval</c>: point-wise precision, recall, F1, FAR and MAR of anomaly scores against a label column, and
/// NAB's score for its three profiles when NAB windows are given. The scores come from a score column (<c>--scores</c>)
/// or from a model run over the labelled rows (<c>--model</c>, see <see cref="EvalModelScores"/>); either way the scoring
/// works on a <c>float[]</c> of scores and a <c>bool[]</c> of labels (<see cref="LabelledScores"/>).
/// </summary>
internal static class EvalCommand
{
    internal static Command Create()
    {
        var scores = new Option<FileInfo?>("--scores") { Description = "CSV with a score per row (e.g. a NAB results file); give this or --model" };
        var model = new Option<FileInfo?>("--model") { Description = "Forecasting .ernn model with scoring (from edgernn train), instead of --scores: its runtime anomaly detector scores every --data row, in order, reading the columns named by the model's feature names" };
        var int8 = new Option<bool>("--int8") { Description = "With --model: quantize a float32 model to int8 first (an int8 model is used as it is)" };
        var scoreColumn = new Option<string>("--score-column") { Description = "Column of --scores holding the scores", DefaultValueFactory = _ => "anomaly_score" };
        var data = new Option<FileInfo?>("--data") { Description = "Labelled CSV: the rows --model scores (required with --model), or the same rows as --scores (default: the --scores file)" };
        var labelColumn = new Option<string?>("--label-column") { Description = "0/1 label column of --data (e.g. anomaly); default: rows inside --windows" };
        var valueColumn = new Option<string>("--value-column") { Description = "Column drawn as the signal in --report (with --model, the model's first input when --data has no such column)", DefaultValueFactory = _ => "value" };
        var windows = new Option<FileInfo?>("--windows") { Description = "NAB labels/combined_windows.json: adds the NAB score of each profile" };
        var windowsKey = new Option<string?>("--windows-key") { Description = "Key of the file in --windows (default: found by the data file's name)" };
        var threshold = new Option<double?>("--threshold") { Description = "Alarm when score >= threshold (default: best F1; best NAB score per profile; --model also reports its own threshold)" };
        var report = new Option<FileInfo?>("--report") { Description = "Write a self-contained HTML report (signal, score, threshold, windows, alarms)" };
        var windowSamples = new Option<int>("--window-samples") { Description = "A classify/label model: read the rows in windows of the last N samples, as edgernn-device run does (0: the model's training window, else 64); a bidirectional model always reads windows, a unidirectional one steps through the rows unless this or --window-every is given", DefaultValueFactory = _ => 0 };
        var windowEvery = new Option<int>("--window-every") { Description = "A classify/label model: a window ends every K samples (0: every --window-samples, windows side by side)", DefaultValueFactory = _ => 0 };

        var command = new Command("eval", "Score anomaly scores (--scores, or a model's scores on --data with --model) against labels: precision, recall, F1, FAR, MAR and the NAB score")
        {
            scores, model, int8, scoreColumn, data, labelColumn, valueColumn, windows, windowsKey, threshold, report, windowSamples, windowEvery,
        };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            try
            {
                var scoresFile = parseResult.GetValue(scores)?.FullName;
                var modelFile = parseResult.GetValue(model);
                if ((scoresFile is null) == (modelFile is null))
                {
                    throw new ArgumentException($"expected either --scores (a CSV of scores) or --model (a model to score --data with), found {(scoresFile is null ? "neither" : "both")}");
                }

                if (modelFile is null && parseResult.GetValue(int8))
                {
                    throw new ArgumentException("--int8: expected --model (the model to quantize), found --scores");
                }

                var dataFile = parseResult.GetValue(data)?.FullName ?? scoresFile
                    ?? throw new ArgumentException("--model: expected --data, the labelled CSV whose rows the model scores, found none");
                var labels = parseResult.GetValue(labelColumn);
                if (modelFile is not null && EvalClassModel.Load(modelFile, parseResult.GetValue(int8)) is var (classModel, weights) && EvalClassModel.IsClassModel(classModel))
                {
                    RefuseForClasses(parseResult, windows, threshold, report);
                    bool given = parseResult.GetResult(windowSamples) is { Implicit: false } || parseResult.GetResult(windowEvery) is { Implicit: false };
                    var plan = EvalClassModel.Plan(classModel, parseResult.GetValue(windowSamples), parseResult.GetValue(windowEvery), given);
                    foreach (var line in EvalClassModel.Evaluate(classModel, modelFile.Name, weights, dataFile, labels, plan))
                    {
                        output.WriteLine(line);
                    }

                    return 0;
                }

                var windowsFile = parseResult.GetValue(windows)?.FullName;
                if (labels is null && windowsFile is null)
                {
                    throw new ArgumentException("expected --label-column or --windows to know which rows are anomalous, found neither");
                }

                LabelledScores stream;
                string? modelLine = null;
                float modelThreshold = float.NaN;
                if (modelFile is not null)
                {
                    (stream, modelLine, modelThreshold) = EvalModelScores.Score(modelFile, parseResult.GetValue(int8), dataFile, labels, parseResult.GetRequiredValue(valueColumn));
                }
                else
                {
                    stream = LabelledScores.Load(scoresFile!, parseResult.GetRequiredValue(scoreColumn), dataFile, labels, parseResult.GetRequiredValue(valueColumn));
                }

                IReadOnlyList<NabWindow>? fileWindows = null;
                if (windowsFile is not null)
                {
                    var all = NabLabelsReader.ReadWindows(windowsFile);
                    fileWindows = NabLabelsReader.FindWindows(all, parseResult.GetValue(windowsKey) ?? dataFile, windowsFile);
                    if (labels is null)
                    {
                        if (stream.Timestamps is null)
                        {
                            throw new DataFileException(dataFile, 1, "expected a timestamp column to place the NAB windows, found none");
                        }

                        stream = stream with { Labels = LabelledScoreEvaluation.LabelsFromWindows(stream.Timestamps, fileWindows) };
                    }
                }

                var result = LabelledScoreEvaluation.Evaluate(stream, fileWindows, parseResult.GetValue(threshold));
                var lines = Describe(stream, result);
                if (modelLine is not null)
                {
                    lines = [modelLine, .. lines, EvalModelScores.AtModelThreshold(stream, modelThreshold)];
                }

                foreach (var line in lines)
                {
                    output.WriteLine(line);
                }

                if (parseResult.GetValue(report) is { } reportFile)
                {
                    HtmlReportWriter.Write(reportFile.FullName, "edgernn eval: " + stream.Name, lines, [Panel(stream, result, fileWindows)]);
                    output.WriteLine($"report: {reportFile.FullName}");
                }

                return 0;
            }
            catch (Exception e) when (e is DataFileException or ArgumentException or IOException or ModelFormatException)
            {
                parseResult.InvocationConfiguration.Error.WriteLine($"edgernn eval: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>Refuses the options of anomaly scores with a class model.</summary>
    private static void RefuseForClasses(ParseResult parseResult, params Option[] options)
    {
        foreach (var option in options)
        {
            if (parseResult.GetResult(option) is { Implicit: false })
            {
                throw new ArgumentException($"{option.Name}: expected anomaly scores (a forecasting model or --scores); found a classify or label model, whose readings are classes");
            }
        }
    }

    /// <summary>The figures of an evaluation as lines of text.</summary>
    internal static IReadOnlyList<string> Describe(LabelledScores stream, LabelledScoreReport result)
    {
        var c = result.Counts;
        var lines = new List<string>
        {
            Text($"{stream.Name}: {stream.Scores.Length} rows, {stream.Labels.Count(l => l)} labelled anomalous"),
            Text($"threshold {result.Threshold:G6} ({(result.ThresholdChosen ? "best F1" : "given")})"),
            Text($"precision {c.Precision:F4}  recall {c.Recall:F4}  F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%"),
            Text($"TP {c.TruePositives}  FP {c.FalsePositives}  TN {c.TrueNegatives}  FN {c.FalseNegatives}"),
        };
        if (stream.Timestamps is not null && ClockAudit.Of(stream.Timestamps) is { HasQuirks: true } clock)
        {
            lines.Insert(1, $"rows scored in file order; {clock.Describe()}");
        }

        if (result.Nab is { } nab)
        {
            lines.Add(Text($"NAB: {nab[0].WindowCount} windows, first {NabScoringFile.ProbationLengthOf(stream.Scores.Length)} rows probationary"));
            foreach (var r in nab)
            {
                lines.Add(Text($"  {r.Profile.Name,-20} threshold {r.Threshold:G6}  raw {r.RawScore:F4}  normalised {r.NormalizedScore:F2}"));
            }
        }

        return lines;
    }

    private static ReportPanel Panel(LabelledScores stream, LabelledScoreReport result, IReadOnlyList<NabWindow>? windows)
    {
        var ranges = new List<(int Start, int End)>();
        int start = -1;
        for (int i = 0; i <= stream.Labels.Length; i++)
        {
            bool label = i < stream.Labels.Length && stream.Labels[i];
            if (label && start < 0)
            {
                start = i;
            }
            else if (!label && start >= 0)
            {
                ranges.Add((start, i - 1));
                start = -1;
            }
        }

        var signal = stream.Values ?? [.. Enumerable.Repeat(double.NaN, stream.Scores.Length)];
        int probation = windows is null ? 0 : NabScoringFile.ProbationLengthOf(stream.Scores.Length);
        return new ReportPanel(stream.Name, signal, Array.ConvertAll(stream.Scores, s => (double)s), result.Threshold, ranges, probation, Text($"F1 {result.Counts.F1:F4}, FAR {100 * result.Counts.FalseAlarmRate:F2}%, MAR {100 * result.Counts.MissedAlarmRate:F2}%"));
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
