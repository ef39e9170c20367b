using System.Globalization;
using System.Text.Json;
using EdgeRnn.Recordings;
using EdgeRnn.Runtime;
using EdgeRnn.Training.Evaluation.Data;

namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>
/// A labelled recording as a class model reads it: the model's inputs, picked from the table by the model's feature
/// names (an empty or NaN cell is a missing sample), and each row's label as the index of one of the model's classes.
/// </summary>
/// <param name="Inputs">rows × inputs raw samples.</param>
/// <param name="Labels">The class index of each row, or null without a label column.</param>
/// <param name="ClassNames">The model's class names, one per output.</param>
internal sealed record ClassRows(float[] Inputs, int[]? Labels, IReadOnlyList<string> ClassNames)
{
    /// <summary>Reads the inputs and labels of a class model from a table.</summary>
    /// <param name="model">A classify or label model with feature names.</param>
    /// <param name="table">The recording.</param>
    /// <param name="labelColumn">The label column, or null for none.</param>
    /// <param name="modelName">The model's file name, for messages.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="ArgumentException">The model names no features.</exception>
    /// <exception cref="DataFileException">A column is missing, a cell is not a number, or a label is none of the model's classes.</exception>
    public static ClassRows Read(RnnModel model, RecordingTable table, string? labelColumn, string modelName)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(table);
        var features = model.Definition.Metadata.FeatureNames;
        if (features.Count != model.InputSize)
        {
            throw new ArgumentException($"{modelName}: expected feature names to find its {model.InputSize} input columns in the data by name; found {features.Count}.", nameof(model));
        }

        var columns = new int[features.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = table.HasColumn(features[i]) ? table.ColumnIndex(features[i])
                : throw new DataFileException(table.Path, 1, $"expected the columns of {modelName}'s inputs ({string.Join(", ", features)}); found no '{features[i]}' among {string.Join(", ", table.Header)}");
        }

        var inputs = new float[table.RowCount * columns.Length];
        for (int r = 0; r < table.RowCount; r++)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                inputs[(r * columns.Length) + i] = table.Parse(r, columns[i], out _) == CellKind.Empty ? float.NaN : (float)table.Number(r, columns[i]);
            }
        }

        var classes = ClassNamesOf(model);
        int[]? labels = null;
        if (labelColumn is not null)
        {
            if (!table.HasColumn(labelColumn))
            {
                throw new DataFileException(table.Path, 1, $"expected a label column '{labelColumn}'; found {string.Join(", ", table.Header)}");
            }

            int column = table.ColumnIndex(labelColumn);
            labels = new int[table.RowCount];
            for (int r = 0; r < labels.Length; r++)
            {
                string text = table.Field(r, column).Trim();
                labels[r] = IndexOf(text, classes);
                if (labels[r] < 0)
                {
                    throw new DataFileException(table.Path, table.LineOf(r), $"expected a label among the model's classes ({string.Join(", ", classes)}) in '{labelColumn}'; found \"{text}\"");
                }
            }
        }

        return new ClassRows(inputs, labels, classes);
    }

    /// <summary>The model's class names (its <c>classes</c> property), else "0" to "C−1".</summary>
    /// <param name="model">The model.</param>
    /// <returns>One name per output.</returns>
    public static IReadOnlyList<string> ClassNamesOf(RnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Definition.Metadata.Properties.TryGetValue("classes", out string? json))
        {
            try
            {
                using var document = JsonDocument.Parse(json);
                if (document.RootElement.ValueKind == JsonValueKind.Array && document.RootElement.GetArrayLength() == model.OutputSize)
                {
                    return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText())];
                }
            }
            catch (JsonException)
            {
            }
        }

        return [.. Enumerable.Range(0, model.OutputSize).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>The class a label names: the same text, else the same number ("1" is class "1.0").</summary>
    private static int IndexOf(string text, IReadOnlyList<string> classes)
    {
        for (int c = 0; c < classes.Count; c++)
        {
            if (string.Equals(classes[c], text, StringComparison.Ordinal))
            {
                return c;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            for (int c = 0; c < classes.Count; c++)
            {
                if (double.TryParse(classes[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double named) && named == value)
                {
                    return c;
                }
            }
        }

        return -1;
    }
}
