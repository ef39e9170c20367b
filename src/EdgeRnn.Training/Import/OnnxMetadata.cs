using System.Text.Json;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Import;

/// <summary>
/// The metadata file of <c>edgernn import onnx --metadata</c>: what an ONNX graph does not say about the model, in the
/// fields and meanings of <c>tools/export_torch.py</c>'s JSON (<see cref="TorchMetadata"/>): <c>input_normalization</c>,
/// <c>output_normalization</c>, <c>feature_names</c>, <c>target_channels</c>, <c>sample_period_seconds</c>,
/// <c>task</c>, <c>name</c> and <c>properties</c>. Every field is optional; any other field is refused, so a misspelt
/// one is not silently ignored.
/// </summary>
internal static class OnnxMetadata
{
    private static readonly string[] Fields =
        ["input_normalization", "output_normalization", "feature_names", "target_channels", "sample_period_seconds", "task", "name", "properties"];

    /// <summary>Applies a metadata file to an imported model.</summary>
    /// <param name="definition">The imported model.</param>
    /// <param name="path">The JSON file.</param>
    /// <returns>The model with the file's normalisations and metadata; its properties are added to the model's.</returns>
    /// <exception cref="InvalidDataException">The file is not JSON, has an unknown field or a malformed one.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ModelDefinition ApplyFile(ModelDefinition definition, string path)
    {
        using var stream = File.OpenRead(path);
        return Apply(definition, stream, Path.GetFileName(path));
    }

    /// <summary>Applies metadata JSON to an imported model.</summary>
    /// <param name="definition">The imported model.</param>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The name used in messages.</param>
    /// <returns>The model with the metadata.</returns>
    /// <exception cref="InvalidDataException">The text is not JSON, has an unknown field or a malformed one.</exception>
    public static ModelDefinition Apply(ModelDefinition definition, Stream json, string source)
    {
        using (var document = JsonFields.Parse(json, source))
        {
            var root = new JsonFields(document.RootElement, source, string.Empty);
            foreach (var field in root.Element.EnumerateObject())
            {
                if (Array.IndexOf(Fields, field.Name) < 0)
                {
                    throw new InvalidDataException($"{source}: field '{field.Name}': expected one of {string.Join(", ", Fields)}; found an unknown field.");
                }
            }

            var (input, output) = TorchMetadata.ReadNormalizations(root, definition.InputSize, definition.OutputSize);
            var given = TorchMetadata.ReadMetadata(root, definition.InputSize);
            var properties = new Dictionary<string, string>(definition.Metadata.Properties, StringComparer.Ordinal);
            foreach (var (key, value) in given.Properties)
            {
                properties[key] = value;
            }

            var metadata = new ModelMetadata
            {
                FeatureNames = given.FeatureNames,
                TargetChannels = given.TargetChannels,
                SamplePeriodSeconds = given.SamplePeriodSeconds,
                Task = given.Task,
                Properties = properties,
            };
            try
            {
                return definition.With(metadata: metadata, inputNormalization: input, outputNormalization: output);
            }
            catch (ArgumentException exception)
            {
                throw new InvalidDataException($"{source}: {exception.Message}", exception);
            }
        }
    }
}
