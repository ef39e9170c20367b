using System.Text;
using EdgeRnn.Runtime;
using EdgeRnn.Training.Import;

namespace EdgeRnn.Trainer.Tests.Import;

public sealed class OnnxMetadataTests
{
    private const string Normalizations = """
        {
          "input_normalization": { "mean": [1.5, -3, 10, 0.25, 4], "std": [0.5, 2, 3, 1, 0.75] },
          "output_normalization": { "mean": [20, -1], "std": [2, 0.5] },
          "feature_names": ["flow", "pressure", "temperature", "vibration", "current"],
          "target_channels": [0, 2],
          "sample_period_seconds": 0.1,
          "name": "pump",
          "properties": { "trained_by": "torch" }
        }
        """;

    [Fact]
    public void Apply_Normalizations_ModelInRawUnitsMatchesOnnxRuntimeOnNormalisedInputs()
    {
        const int Steps = 48;
        float[] mean = [1.5f, -3, 10, 0.25f, 4];
        float[] std = [0.5f, 2, 3, 1, 0.75f];
        float[] outMean = [20, -1];
        float[] outStd = [2, 0.5f];
        var definition = Apply(OnnxImporter.ReadFile(OnnxReference.PathOf("lstm_5x12x2")).Definition, Normalizations);
        float[] z = OnnxReference.RandomInputs(Steps * 5, seed: 11);
        float[] raw = [.. z.Select((value, i) => (value * std[i % 5]) + mean[i % 5])];
        float[] y = OnnxReference.Run(OnnxReference.PathOf("lstm_5x12x2"), z, Steps)["y"];
        var state = RnnModel.FromDefinition(definition).CreateState();
        var output = new float[2];

        for (int t = 0; t < Steps; t++)
        {
            state.Step(raw.AsSpan(t * 5, 5), output);
            double[] expected = [(y[2 * t] * outStd[0]) + outMean[0], (y[(2 * t) + 1] * outStd[1]) + outMean[1]];
            Tolerance.AssertClose(expected, output, OnnxAgreementTests.Tolerance, $"step {t}");
        }
    }

    [Fact]
    public void Apply_NamesAndProperties_StoredBesideTheOnnxProperties()
    {
        var definition = Apply(OnnxImporter.ReadFile(OnnxReference.PathOf("lstm_5x12x2")).Definition, Normalizations);

        var metadata = definition.Metadata;
        Assert.Equal(["flow", "pressure", "temperature", "vibration", "current"], metadata.FeatureNames);
        Assert.Equal([0, 2], metadata.TargetChannels);
        Assert.Equal(0.1, metadata.SamplePeriodSeconds);
        Assert.Equal("pump", metadata.Properties["name"]);
        Assert.Equal("torch", metadata.Properties["trained_by"]);
        Assert.Equal("onnx", metadata.Properties["imported_from"]);
    }

    [Fact]
    public void Apply_UnknownField_IsRefusedByName()
    {
        var definition = OnnxImporter.ReadFile(OnnxReference.PathOf("gru_4x6")).Definition;

        var error = Assert.Throws<InvalidDataException>(() => Apply(definition, """{ "feature_name": ["a", "b", "c", "d"] }"""));

        Assert.StartsWith("meta.json: field 'feature_name': expected one of input_normalization, output_normalization, feature_names,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NormalizationOfTheWrongWidth_SaysBothCounts()
    {
        var definition = OnnxImporter.ReadFile(OnnxReference.PathOf("gru_4x6")).Definition;

        var error = Assert.Throws<InvalidDataException>(() => Apply(definition, """{ "input_normalization": { "mean": [0, 0], "std": [1, 1] } }"""));

        Assert.Equal("meta.json: 'input_normalization': expected 4 means and 4 stds; found 2 and 2.", error.Message);
    }

    private static Runtime.Model.ModelDefinition Apply(Runtime.Model.ModelDefinition definition, string json) =>
        OnnxMetadata.Apply(definition, new MemoryStream(Encoding.UTF8.GetBytes(json)), "meta.json");
}
