using System.Globalization;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Evaluation;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Trainer.Commands;

/// <summary>
/// The scores of <c>edgernn eval --model</c>: the model (quantized to int8 first with <c>--int8</c>) runs over the rows of
/// the labelled data through the runtime's anomaly detector, and its per-row scores are evaluated as a score file's would be.
/// </summary>
internal static class EvalModelScores
{
    /// <summary>Loads the model and the data and scores every row.</summary>
    /// <param name="modelFile">The .ernn model.</param>
    /// <param name="int8">Quantize a float32 model to int8 before scoring.</param>
    /// <param name="dataFile">The labelled CSV whose rows are scored.</param>
    /// <param name="labelColumn">The 0/1 label column, or null to derive labels later.</param>
    /// <param name="valueColumn">The column drawn as the signal; the model's first input when the data has no such column.</param>
    /// <returns>The scored stream, a line describing the model, and the model's own alarm threshold.</returns>
    /// <exception cref="Runtime.ModelFormatException">The model file is corrupt.</exception>
    /// <exception cref="ArgumentException">The model carries no scoring or feature names.</exception>
    /// <exception cref="DataFileException">The data lacks a feature or label column, or a cell is not a number.</exception>
    public static (LabelledScores Stream, string Description, float Threshold) Score(FileInfo modelFile, bool int8, string dataFile, string? labelColumn, string valueColumn)
    {
        ArgumentNullException.ThrowIfNull(modelFile);
        var model = RnnModel.Load(modelFile.FullName);
        string weights = model.IsQuantized ? "int8" : "float32";
        if (int8 && !model.IsQuantized)
        {
            model = RnnModel.FromDefinition(ModelQuantizer.Quantize(model.Definition, out _));
            weights = "int8, quantized from float32 by --int8";
        }

        var table = RecordingTable.Read(dataFile);
        var scores = ModelRowScorer.Score(model, table, modelFile.Name);
        var features = model.Definition.Metadata.FeatureNames.Take(model.Definition.Detector?.TimeOfDay == true ? model.InputSize - DetectorDefinition.TimeOfDayInputs : model.InputSize).ToArray();
        var stream = LabelledScores.ForRows(scores, table, labelColumn, table.HasColumn(valueColumn) ? valueColumn : features[0]);
        float threshold = model.Definition.Detector is { } detector ? (float)detector.Threshold : model.Definition.Scoring.Threshold;
        string description = string.Create(CultureInfo.InvariantCulture, $"model {modelFile.Name} ({weights}), inputs {string.Join(", ", features)}, alarm threshold {threshold:G6}");
        return (stream, description, threshold);
    }

    /// <summary>The point-wise figures at the model's own threshold: the alarms the board would raise.</summary>
    /// <param name="stream">The scored stream.</param>
    /// <param name="threshold">The model's alarm threshold.</param>
    /// <returns>One line.</returns>
    public static string AtModelThreshold(LabelledScores stream, float threshold)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var c = ConfusionCounts.FromScores(stream.Scores, threshold, stream.Labels);
        return string.Create(CultureInfo.InvariantCulture, $"at the model's threshold {threshold:G6}: precision {c.Precision:F4}  recall {c.Recall:F4}  F1 {c.F1:F4}  FAR {100 * c.FalseAlarmRate:F2}%  MAR {100 * c.MissedAlarmRate:F2}%  (TP {c.TruePositives}  FP {c.FalsePositives}  TN {c.TrueNegatives}  FN {c.FalseNegatives})");
    }
}
