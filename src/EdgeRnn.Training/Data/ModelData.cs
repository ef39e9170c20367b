using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Loads recordings to run an existing model over, with the reading, cleaning and time split of <c>edgernn train</c>: the
/// model's inputs are the columns named by its feature names (or by the given columns, in order), and its stored
/// normalisation is kept, never refitted.
/// </summary>
internal static class ModelData
{
    /// <summary>The validation fraction of a model that does not record its own.</summary>
    public const double DefaultValidationFraction = 0.2;

    /// <summary>The model property that records the validation fraction it was trained with.</summary>
    public const string ValidationFractionProperty = "train.validation_fraction";

    /// <summary>The validation fraction the model was trained with, or <see cref="DefaultValidationFraction"/>.</summary>
    /// <param name="model">The model.</param>
    /// <returns>A fraction in [0, 1).</returns>
    public static double ValidationFractionOf(ModelDefinition model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Metadata.Properties.TryGetValue(ValidationFractionProperty, out string? text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double fraction)
            && fraction >= 0 && fraction < 1
            ? fraction
            : DefaultValidationFraction;
    }

    /// <summary>Loads the data for <paramref name="model"/>.</summary>
    /// <param name="specs">Files, folders or globs, as <c>--data</c> takes them.</param>
    /// <param name="model">A model of sensor channels (forecast, classify or label).</param>
    /// <param name="columns">The data columns of the model's inputs, in order; null for the model's feature names.</param>
    /// <param name="timeColumn">The timestamp column, <see cref="DataOptions.NoTimeColumn"/>, or null to detect one.</param>
    /// <param name="validationFraction">The share of each file, at its end, that forms the validation part, in [0, 1).</param>
    /// <returns>The data, one input per model input.</returns>
    /// <exception cref="RecordingException">The model reads text, the columns cannot be chosen or are missing, or a
    /// file cannot be used.</exception>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static TrainingData Load(IReadOnlyList<string> specs, ModelDefinition model, IReadOnlyList<string>? columns, string? timeColumn, double validationFraction)
    {
        ArgumentNullException.ThrowIfNull(specs);
        ArgumentNullException.ThrowIfNull(model);
        int inputs = model.Layers[0].InputSize;
        var features = model.Metadata.FeatureNames;
        if (model.Metadata.Task == ModelTask.Text)
        {
            throw new RecordingException("Expected a model of sensor channels (forecast, classify or label) to read CSV data for; found a text model.");
        }

        if (columns is null && features.Count != inputs)
        {
            throw new RecordingException($"Expected --columns naming the data column of each of the model's {inputs} inputs; the model names no input features.");
        }

        columns ??= features;
        if (columns.Count != inputs)
        {
            throw new RecordingException($"Expected {inputs} columns, one per model input ({Describe(features, inputs)}); found {columns.Count}: {string.Join(", ", columns)}.");
        }

        return DataLoader.Load(specs, new DataOptions
        {
            Task = ModelTask.Forecast,
            Columns = columns,
            TimeColumn = timeColumn,
            ValidationFraction = validationFraction,
            FixedNormalization = model.InputNormalization,
        });
    }

    /// <summary>The model's inputs for messages: its feature names, or how many there are.</summary>
    /// <param name="features">The model's feature names (may be empty).</param>
    /// <param name="inputs">The model's input width.</param>
    /// <returns>A short description.</returns>
    public static string Describe(IReadOnlyList<string> features, int inputs) =>
        features.Count == inputs ? string.Join(", ", features) : string.Create(CultureInfo.InvariantCulture, $"{inputs} unnamed inputs");
}
