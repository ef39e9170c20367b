using System.Text.Json.Nodes;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Trainer.Tests.Import;

public sealed class TorchJsonImporterTests
{
    [Theory]
    [InlineData("rnn_tanh_3x5", CellKind.RnnTanh)]
    [InlineData("rnn_relu_4x16x2", CellKind.RnnRelu)]
    [InlineData("lstm_6x33x3", CellKind.Lstm)]
    [InlineData("gru_5x17", CellKind.Gru)]
    public void Read_GoldenCase_KeepsPyTorchLayoutAndValues(string name, CellKind kind)
    {
        var json = TorchJson.Golden(name);
        var golden = GoldenCase.Load(name);

        var definition = TorchJson.Import(json);

        Assert.Equal(golden.Layers, definition.Layers.Count);
        Assert.All(definition.Layers, layer => Assert.Equal(kind, layer.Kind));
        Assert.All(definition.Layers, layer => Assert.Equal(golden.HiddenSize, layer.HiddenSize));
        Assert.Equal(golden.InputSize, definition.InputSize);
        Assert.Equal(golden.OutputSize, definition.OutputSize);
        Assert.False(definition.IsQuantized);
        Assert.True(definition.InputNormalization.IsIdentity);
        Assert.True(definition.OutputNormalization.IsIdentity);
        for (int k = 0; k < golden.Layers; k++)
        {
            var layer = definition.Layers[k];
            AssertValues(json, $"rnn.weight_ih_l{k}", layer.WeightIh.Values);
            AssertValues(json, $"rnn.weight_hh_l{k}", layer.WeightHh.Values);
            AssertValues(json, $"rnn.bias_ih_l{k}", layer.BiasIh);
            AssertValues(json, $"rnn.bias_hh_l{k}", layer.BiasHh);
        }

        AssertValues(json, "head.weight", definition.Head.Weight.Values);
        AssertValues(json, "head.bias", definition.Head.Bias);
    }

    [Fact]
    public void Read_WithoutSizesAndReferenceFields_InfersSizesFromShapes()
    {
        var json = TorchJson.Golden("grad_lstm_3x7x2");
        foreach (string field in new[] { "input_size", "hidden_size", "num_layers", "output_size", "steps", "input", "output", "final_h", "final_c", "target", "grads", "loss_value", "nonlinearity" })
        {
            json.Remove(field);
        }

        var definition = TorchJson.Import(json);

        Assert.Equal(2, definition.Layers.Count);
        Assert.Equal(3, definition.InputSize);
        Assert.Equal(7, definition.Layers[1].HiddenSize);
        Assert.Equal(3, definition.OutputSize);
    }

    [Fact]
    public void Read_NestedDataLists_FlattenedRowMajor()
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        var flat = json.Params()["rnn.weight_ih_l0"]!["data"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var nested = new JsonArray();
        for (int r = 0; r < 5; r++)
        {
            nested.Add(new JsonArray(flat.Skip(r * 3).Take(3).Select(v => (JsonNode)JsonValue.Create(v)).ToArray()));
        }

        json.Params()["rnn.weight_ih_l0"]!["data"] = nested;

        var definition = TorchJson.Import(json);

        Assert.Equal(flat.Select(v => (float)v), definition.Layers[0].WeightIh.Values.ToArray());
    }

    [Fact]
    public void Read_MissingParameter_NamesItWithItsShape()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json.Params().Remove("rnn.bias_hh_l0");

        var error = TorchJson.ImportFails(json);

        Assert.Contains("model.json: missing parameter 'rnn.bias_hh_l0' (expected shape [52])", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingHead_NamesIt()
    {
        var json = TorchJson.Golden("gru_5x17");
        json.Params().Remove("head.weight");
        json.Remove("output_size");

        var error = TorchJson.ImportFails(json);

        Assert.Contains("missing parameter 'head.weight'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrongShape_SaysExpectedAndFound()
    {
        var json = TorchJson.Golden("rnn_relu_4x16x2");
        json.Params()["rnn.weight_hh_l1"]!["shape"] = new JsonArray(16, 8);
        json.Params()["rnn.weight_hh_l1"]!["data"] = new JsonArray(Enumerable.Repeat(0.0, 128).Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

        var error = TorchJson.ImportFails(json);

        Assert.Contains("parameter 'rnn.weight_hh_l1': expected shape [16, 16]; found [16, 8]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DataCountDiffersFromShape_SaysBoth()
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        json.Params()["head.bias"]!["data"]!.AsArray().RemoveAt(0);

        var error = TorchJson.ImportFails(json);

        Assert.Contains("parameter 'head.bias': expected 2 values for shape [2]; found 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StatedSizeContradictsShapes_SaysWhich()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["hidden_size"] = 12;

        var error = TorchJson.ImportFails(json);

        Assert.Contains("parameter 'rnn.weight_ih_l0': expected shape [48, 3]; found [52, 3]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NumLayersContradictsParameters_SaysBoth()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["num_layers"] = 2;

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'num_layers' is 2, but the rnn.weight_ih_l{k} parameters give 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_IncompleteReverseDirection_NamesTheMissingParameter()
    {
        var json = TorchJson.Golden("gru_1x8");
        json.Params()["rnn.weight_ih_l0_reverse"] = json.Params()["rnn.weight_ih_l0"]!.DeepClone();

        var error = TorchJson.ImportFails(json);

        Assert.Contains("rnn.weight_hh_l0_reverse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BidirectionalFlagContradictingTheParameters_SaysBoth()
    {
        var json = TorchJson.Golden("bidi_gru_4x9");
        json["bidirectional"] = false;

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'bidirectional' is false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownParameter_Rejected()
    {
        var json = TorchJson.Golden("gru_1x8");
        json.Params()["norm.weight"] = json.Params()["head.bias"]!.DeepClone();

        var error = TorchJson.ImportFails(json);

        Assert.Contains("unexpected parameter 'norm.weight'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("transformer", "'cell': expected \"rnn\", \"lstm\" or \"gru\"; found \"transformer\"")]
    [InlineData(null, "expected a field 'cell'")]
    public void Read_BadCell_SaysWhatIsExpected(string? cell, string message)
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        json["cell"] = cell;

        var error = TorchJson.ImportFails(json);

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RnnWithUnknownNonlinearity_Rejected()
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        json["nonlinearity"] = "sigmoid";

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'nonlinearity': expected \"tanh\" or \"relu\"; found \"sigmoid\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ValueBeyondFloat32_Rejected()
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        json.Params()["head.bias"]!["data"]![1] = 1e39;

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'params.head.bias.data[1]': expected a number within float32 range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonNumericValue_SaysWhere()
    {
        var json = TorchJson.Golden("rnn_tanh_3x5");
        json.Params()["rnn.bias_ih_l0"]!["data"]![3] = "NaN";

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'params.rnn.bias_ih_l0.data[3]': expected a number; found \"NaN\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"cell\": \"lstm\", \"params\": ")]
    [InlineData("[1, 2, 3]")]
    public void Read_NotAnExportObject_InvalidDataException(string text)
    {
        var error = Assert.Throws<InvalidDataException>(() => TorchJson.Import(text));

        Assert.StartsWith("model.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OptionalMetadata_StoredInTheDefinition()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["name"] = "pump";
        json["feature_names"] = new JsonArray("pressure", "flow", "temperature");
        json["target_channels"] = new JsonArray(0, 2);
        json["sample_period_seconds"] = 0.5;
        json["task"] = "forecast";
        json["properties"] = new JsonObject { ["site"] = "hall 3" };
        json["input_normalization"] = new JsonObject { ["mean"] = new JsonArray(1.0, 2.0, 3.0), ["std"] = new JsonArray(0.5, 1.0, 2.0) };
        json["output_normalization"] = new JsonObject { ["mean"] = new JsonArray(10.0, 20.0, 30.0), ["std"] = new JsonArray(2.0, 4.0, 8.0) };

        var definition = TorchJson.Import(json);

        Assert.Equal(["pressure", "flow", "temperature"], definition.Metadata.FeatureNames);
        Assert.Equal([0, 2], definition.Metadata.TargetChannels);
        Assert.Equal(0.5, definition.Metadata.SamplePeriodSeconds);
        Assert.Equal(ModelTask.Forecast, definition.Metadata.Task);
        Assert.Equal("pump", definition.Metadata.Properties["name"]);
        Assert.Equal("hall 3", definition.Metadata.Properties["site"]);
        Assert.Equal([1f, 2f, 3f], definition.InputNormalization.Mean.ToArray());
        Assert.Equal([2f, 4f, 8f], definition.OutputNormalization.Std.ToArray());
    }

    [Fact]
    public void Read_FeatureNamesOfWrongCount_SaysBoth()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["feature_names"] = new JsonArray("a", "b");

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'feature_names': expected 3 names (one per input); found 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonPositiveStd_SaysWhichChannel()
    {
        var json = TorchJson.Golden("lstm_3x13");
        json["input_normalization"] = new JsonObject { ["mean"] = new JsonArray(0.0, 0.0, 0.0), ["std"] = new JsonArray(1.0, 0.0, 1.0) };

        var error = TorchJson.ImportFails(json);

        Assert.Contains("'input_normalization'", error.Message, StringComparison.Ordinal);
        Assert.Contains("channel 1", error.Message, StringComparison.Ordinal);
    }

    private static void AssertValues(JsonObject json, string name, ReadOnlySpan<float> actual)
    {
        var expected = json.Params()[name]!["data"]!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();
        Assert.Equal(expected, actual.ToArray());
    }
}
