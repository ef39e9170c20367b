using EdgeRnn.Recordings;
using EdgeRnn.Runtime;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation;

/// <summary>
/// Scores every row of a table with a model's runtime <see cref="AnomalyDetector"/>, in row order from a fresh state, as
/// the board would: the model's inputs are the columns named by its feature names (found by name, ignoring case), and an
/// empty or NaN cell is a missing sample (the runtime carries the channel's last valid value).
/// </summary>
internal static class ModelRowScorer
{
    /// <summary>The anomaly score of every row (0 while the detector warms up).</summary>
    /// <param name="model">A forecasting model with scoring and feature names.</param>
    /// <param name="table">The rows, with one column per feature name.</param>
    /// <param name="modelName">The model's file name, for messages.</param>
    /// <returns>One score in [0, 1] per row.</returns>
    /// <exception cref="ArgumentException">The model carries no scoring or names no features.</exception>
    /// <exception cref="DataFileException">A feature column is missing or a cell is not a number.</exception>
    public static float[] Score(RnnModel model, RecordingTable table, string modelName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(table);
        var definition = model.Definition;
        if ((!definition.Scoring.IsEnabled && definition.Detector is null) || definition.Metadata.TargetChannels.Count != model.OutputSize)
        {
            throw new ArgumentException($"{modelName}: expected a forecasting model with anomaly scoring (as `edgernn train` writes); found a {definition.Metadata.Task.ToString().ToLowerInvariant()} model without scoring.", nameof(model));
        }

        var detector = new AnomalyDetector(model);
        string[] features = [.. definition.Metadata.FeatureNames.Take(detector.SampleSize)];
        if (definition.Metadata.FeatureNames.Count != model.InputSize)
        {
            throw new ArgumentException($"{modelName}: expected feature names to find its {detector.SampleSize} input columns in the data by name; found none in the model.", nameof(model));
        }

        bool timeOfDay = definition.Detector?.TimeOfDay == true;
        var timestamps = timeOfDay ? LabelledScores.ReadTimestamps(table) : null;
        if (timeOfDay && timestamps is null)
        {
            throw new DataFileException(table.Path, 1, $"expected a timestamp column (named {string.Join(", ", RecordingColumns.TimeNames)}): {modelName} reads the time of day of each row");
        }

        var columns = new int[features.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            if (!table.HasColumn(features[i]))
            {
                throw new DataFileException(table.Path, 1, $"expected the columns of {modelName}'s inputs ({string.Join(", ", features)}); found no '{features[i]}' among {string.Join(", ", table.Header)}");
            }

            columns[i] = table.ColumnIndex(features[i]);
        }

        var sample = new float[columns.Length];
        var scores = new float[table.RowCount];
        for (int r = 0; r < scores.Length; r++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                sample[i] = Cell(table, r, columns[i]);
            }

            scores[r] = (timestamps is null ? detector.Process(sample) : detector.Process(sample, timestamps[r])).Score;
        }

        return scores;
    }

    /// <summary>A cell's value: empty, NaN or infinite cells are missing samples, which the runtime holds.</summary>
    private static float Cell(RecordingTable table, int row, int column) =>
        table.Parse(row, column, out _) == CellKind.Empty ? float.NaN : (float)table.Number(row, column);
}
