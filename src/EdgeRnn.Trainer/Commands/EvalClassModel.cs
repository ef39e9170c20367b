using System.Globalization;
using EdgeRnn.Recordings;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation.Classes;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// <c>edgernn eval --model</c> with a classify or label model: the model reads the labelled rows (a unidirectional model
/// step by step from a fresh state, as the board runs it, or in windows when <c>--window-samples</c> or
/// <c>--window-every</c> is given; a bidirectional model always in windows, as <c>edgernn-device run</c> labels:
/// <see cref="WindowPlan"/>), and its readings are counted against the label column: accuracy, per-class precision, recall
/// and F1, the confusion matrix and, for windows, the figures by place in the window (<see cref="ClassReport"/>).
/// </summary>
internal static class EvalClassModel
{
    /// <summary>Loads a model; a class model is quantized to int8 first when asked (a forecaster is left to <see cref="EvalModelScores"/>).</summary>
    /// <param name="modelFile">The .ernn file.</param>
    /// <param name="int8">Quantize a float32 model.</param>
    /// <returns>The model and a word on its weights.</returns>
    public static (RnnModel Model, string Weights) Load(FileInfo modelFile, bool int8)
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        var model = RnnModel.Load(modelFile.FullName);
        if (int8 && !model.IsQuantized && IsClassModel(model))
        {
            return (RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _)), "int8, quantized from float32 by --int8");
        }

        return (model, model.IsQuantized ? "int8" : "float32");
    }

    /// <summary>Whether the model gives classes (classify or label) rather than forecasts.</summary>
    public static bool IsClassModel(RnnModel model) => model.Definition.Metadata.Task is ModelTask.Classify or ModelTask.Label;

    /// <summary>How the model reads rows: null to step (a unidirectional model without window options), else the windows.</summary>
    /// <param name="model">The model.</param>
    /// <param name="windowSamples">--window-samples (0: the model's).</param>
    /// <param name="windowEvery">--window-every (0: every N).</param>
    /// <param name="given">Whether either option was given.</param>
    /// <returns>The plan.</returns>
    public static WindowPlan? Plan(RnnModel model, int windowSamples, int windowEvery, bool given) =>
        model.Definition.IsBidirectional || given ? WindowPlan.Resolve(model, windowSamples, windowEvery) : null;

    /// <summary>Reads the data with the model and describes the figures.</summary>
    /// <param name="model">A classify or label model.</param>
    /// <param name="modelName">The model's file name, for messages.</param>
    /// <param name="weights">A word on its weights ("float32", "int8", …).</param>
    /// <param name="dataFile">The labelled CSV.</param>
    /// <param name="labelColumn">The label column, or null for the first named label, anomaly, class or is_anomaly.</param>
    /// <param name="plan">The windows, or null to step.</param>
    /// <returns>The lines to print.</returns>
    /// <exception cref="DataFileException">The data lacks a column, a cell is not a number or a label is not a class.</exception>
    /// <exception cref="ArgumentException">The model names no features.</exception>
    public static IReadOnlyList<string> Evaluate(RnnModel model, string modelName, string weights, string dataFile, string? labelColumn, WindowPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = RecordingTable.Read(dataFile);
        labelColumn ??= RecordingColumns.FindLabel(table.Header) is int found and >= 0 ? table.Header[found]
            : throw new DataFileException(dataFile, 1, $"expected --label-column or a column named {string.Join(", ", RecordingColumns.LabelNames)} holding {modelName}'s classes; found {string.Join(", ", table.Header)}");
        var rows = ClassRows.Read(model, table, labelColumn, modelName);
        var readings = ClassReadings.Run(model, rows.Inputs, plan);
        var report = new ClassReport(rows.ClassNames);
        report.Add(readings, rows.Labels!);
        string kind = (model.Definition.IsBidirectional ? "bidirectional " : string.Empty) + model.Definition.Metadata.Task.ToString().ToLowerInvariant();
        string how = plan is null ? "stepped through every row from a fresh state" : plan.Describe()
            + (model.Definition.Metadata.Task == ModelTask.Classify ? ", one class per window at its last row" : ", each row read by the window with the most context on its shorter side");
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"model {modelName} ({weights}), {kind} model, classes {string.Join(", ", rows.ClassNames)}, label column '{labelColumn}'; {how}"),
            .. report.Describe(Path.GetFileName(dataFile)),
        ];
    }
}
