using EdgeRnn.Runtime;
using EdgeRnn.Training.Import;
using Google.Protobuf;

namespace EdgeRnn.Trainer.Tests.Import;

public sealed class OnnxImporterTests
{
    [Theory]
    [InlineData("lstm_bidirectional", "LSTM '/rnn/LSTM', attribute 'direction'", "expected \"forward\"", "found \"bidirectional\"")]
    [InlineData("lstm_reverse", "LSTM '/rnn/LSTM', attribute 'direction'", "expected \"forward\"", "found \"reverse\"")]
    [InlineData("gru_lbr0", "GRU '/rnn/GRU', attribute 'linear_before_reset'", "expected 1", "found 0")]
    [InlineData("lstm_clip", "LSTM '/rnn/LSTM', attribute 'clip'", "expected none", "found 2.5")]
    [InlineData("lstm_peepholes", "LSTM '/rnn/LSTM': input P (peepholes)", "expected none or zeros", "found initializer 'peepholes' with non-zero values")]
    [InlineData("lstm_input_forget", "LSTM '/rnn/LSTM', attribute 'input_forget'", "expected 0", "found 1")]
    [InlineData("rnn_sigmoid", "RNN '/rnn/RNN', attribute 'activations'", "expected [Tanh] or [Relu]", "found [Sigmoid]")]
    [InlineData("lstm_sequence_lens", "LSTM '/rnn/LSTM': input sequence_lens", "expected none", "found graph input 'sequence_lens'")]
    [InlineData("gru_h0_input", "GRU '/rnn/GRU': input initial_h", "expected none or zeros", "found graph input 'h0'")]
    [InlineData("lstm_last_state_head", "LSTM '/rnn/LSTM': the path to output 'y' takes its output 1, Y_h", "expected Y (output 0)", "Y_h")]
    [InlineData("gru_relu_head", "Relu '/Relu'", "expected only LSTM, GRU, RNN, Transpose, Squeeze, Unsqueeze, Identity, MatMul, Gemm and Add", "found this Relu")]
    [InlineData("rnn_two_dense", "MatMul '/head/MatMul'", "expected one dense head", "found a second dense layer after MatMul '/dense/MatMul'")]
    public void ReadFile_UnsupportedModel_NamesTheNodeAndSaysWhatWasExpectedAndFound(string name, string where, string expected, string found)
    {
        var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.ReadFile(OnnxReference.PathOf(name)));

        Assert.StartsWith($"{name}.onnx: {where}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(found, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lstm_3x8", new[] { 0, 2, 3, 1 })]
    [InlineData("gru_4x6", new[] { 1, 0, 2 })]
    public void ReadFile_RecurrentNode_MovesOnnxGateBlocksAndBiasHalvesIntoPyTorchOrder(string name, int[] onnxBlockOfTorchBlock)
    {
        var model = OnnxEdits.Load(name);
        var node = model.Graph.Node.Single(n => n.OpType is "LSTM" or "GRU");
        float[] w = OnnxEdits.Values(OnnxEdits.Initializer(model, node.Input[1]));
        float[] b = OnnxEdits.Values(OnnxEdits.Initializer(model, node.Input[3]));

        var layer = OnnxImporter.ReadFile(OnnxReference.PathOf(name)).Definition.Layers[0];

        int hidden = layer.HiddenSize;
        int inputs = layer.InputSize;
        int rows = onnxBlockOfTorchBlock.Length * hidden;
        for (int g = 0; g < onnxBlockOfTorchBlock.Length; g++)
        {
            int from = onnxBlockOfTorchBlock[g] * hidden;
            Assert.Equal(w.AsSpan(from * inputs, hidden * inputs), layer.WeightIh.Values.Slice(g * hidden * inputs, hidden * inputs));
            Assert.Equal(b.AsSpan(from, hidden), layer.BiasIh.Slice(g * hidden, hidden));
            Assert.Equal(b.AsSpan(rows + from, hidden), layer.BiasHh.Slice(g * hidden, hidden));
        }
    }

    [Fact]
    public void ReadFile_TorchExport_RecordsProducerAndOpsetAndListsTheOutputsLeftOut()
    {
        var import = OnnxImporter.ReadFile(OnnxReference.PathOf("lstm_3x8"));

        Assert.Equal("x", import.Input);
        Assert.Equal("y", import.Output);
        var properties = import.Definition.Metadata.Properties;
        Assert.Equal("onnx", properties["imported_from"]);
        Assert.Equal("14", properties["onnx_opset"]);
        Assert.StartsWith("pytorch 1.13", properties["onnx_producer"], StringComparison.Ordinal);
        Assert.StartsWith("graph outputs 'hidden', 'h_n', 'c_n' not imported", Assert.Single(import.Notes), StringComparison.Ordinal);
        Assert.Empty(OnnxImporter.ReadFile(OnnxReference.PathOf("lstm_plain_4x7")).Notes);
        Assert.Equal("11", OnnxImporter.ReadFile(OnnxReference.PathOf("gru_4x6")).Definition.Metadata.Properties["onnx_opset"]);
    }

    [Fact]
    public void Read_GemmWithAlphaBetaAndUntransposedB_MatchesOnnxRuntime()
    {
        var model = OnnxEdits.Load("rnn_tanh_3x4");
        var gemm = OnnxEdits.Node(model, "Gemm");
        var weight = OnnxEdits.Initializer(model, gemm.Input[1]);
        float[] values = OnnxEdits.Values(weight);
        int outputs = (int)weight.Dims[0];
        int hidden = (int)weight.Dims[1];
        var transposed = new float[values.Length];
        for (int o = 0; o < outputs; o++)
        {
            for (int h = 0; h < hidden; h++)
            {
                transposed[(h * outputs) + o] = values[(o * hidden) + h];
            }
        }

        model.Graph.Initializer.Add(OnnxEdits.Floats("weight_t", [hidden, outputs], transposed));
        gemm.Input[1] = "weight_t";
        OnnxEdits.Set(gemm, "transB", 0L);
        OnnxEdits.Set(gemm, "alpha", 0.5f);
        OnnxEdits.Set(gemm, "beta", 2f);

        AssertMatchesOnnxRuntime(model);
    }

    [Fact]
    public void Read_ZeroInitializerStatesIdentityAndBroadcastBias_MatchesOnnxRuntime()
    {
        var model = OnnxEdits.Load("lstm_3x8");
        var lstm = OnnxEdits.Node(model, "LSTM");
        model.Graph.Initializer.Add(OnnxEdits.Floats("zeros", [1, 1, 8], new float[8]));
        lstm.Input[5] = "zeros";
        lstm.Input[6] = "zeros";
        var matMul = OnnxEdits.Node(model, "MatMul");
        var identity = new Onnx.NodeProto { OpType = "Identity", Name = "between", Input = { matMul.Input[0] }, Output = { "through_identity" } };
        model.Graph.Node.Insert(model.Graph.Node.IndexOf(matMul), identity);
        matMul.Input[0] = "through_identity";
        var bias = OnnxEdits.Initializer(model, "head.bias");
        bias.Dims.Clear();
        bias.Dims.AddRange([1, 1, 3]);

        AssertMatchesOnnxRuntime(model);
    }

    [Fact]
    public void Read_TwoDimensionalInputUnsqueezedByANegativeAxis_MatchesOnnxRuntime()
    {
        var model = OnnxEdits.Load("lstm_3x8");
        var input = model.Graph.Input[0];
        input.Name = "x2d";
        input.Type.TensorType.Shape.Dim.RemoveAt(1);
        var axes = new Onnx.TensorProto { Name = "axes", DataType = (int)Onnx.TensorProto.Types.DataType.Int64, Dims = { 1 }, Int64Data = { -2 } };
        model.Graph.Initializer.Add(axes);
        model.Graph.Node.Insert(0, new Onnx.NodeProto { OpType = "Unsqueeze", Name = "batch", Input = { "x2d", "axes" }, Output = { "x" } });

        AssertMatchesOnnxRuntime(model);
        Assert.Equal("x2d", OnnxEdits.Import(model).Input);
    }

    [Fact]
    public void Read_OperatorOfAnotherDomain_NamesTheDomain()
    {
        var model = OnnxEdits.Load("lstm_3x8");
        OnnxEdits.Node(model, "LSTM").Domain = "com.microsoft";

        var error = OnnxEdits.ImportError(model);

        Assert.Equal("edited.onnx: LSTM '/rnn/LSTM': expected an operator of the default ONNX domain; found domain 'com.microsoft'.", error.Message);
    }

    [Fact]
    public void Read_InputDeclaredWiderThanTheWeights_SaysBoth()
    {
        var model = OnnxEdits.Load("lstm_3x8");
        model.Graph.Input[0].Type.TensorType.Shape.Dim[2].DimValue = 5;

        var error = OnnxEdits.ImportError(model);

        Assert.Equal("edited.onnx: input 'x': expected shape [time, 1, features (3)] (what LSTM '/rnn/LSTM' reads); found [steps, 1, 5].", error.Message);
    }

    [Fact]
    public void Read_HiddenSizeAttributeDisagreesWithR_SaysBoth()
    {
        var model = OnnxEdits.Load("gru_4x6");
        OnnxEdits.Set(OnnxEdits.Node(model, "GRU"), "hidden_size", 7L);

        var error = OnnxEdits.ImportError(model);

        Assert.StartsWith("edited.onnx: GRU '/rnn/GRU', attribute 'hidden_size': expected 6, the hidden size of R [1, 18, 6]; found 7.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownAttribute_IsRefusedByName()
    {
        var model = OnnxEdits.Load("rnn_tanh_3x4");
        OnnxEdits.Set(OnnxEdits.Node(model, "RNN"), "future_setting", 1L);

        var error = OnnxEdits.ImportError(model);

        Assert.StartsWith("edited.onnx: RNN '/rnn/RNN', attribute 'future_setting': expected one of activation_alpha,", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("found an attribute EdgeRnn does not know for this operator.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WeightsInAnExternalFile_SaysToSaveThemInside()
    {
        var model = OnnxEdits.Load("lstm_3x8");
        var w = OnnxEdits.Initializer(model, OnnxEdits.Node(model, "LSTM").Input[1]);
        w.DataLocation = Onnx.TensorProto.Types.DataLocation.External;
        w.ClearRawData();

        var error = OnnxEdits.ImportError(model);

        Assert.Contains($"tensor '{w.Name}': expected its data inside the file; found it in an external file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FirstOutputWithoutAHead_SaysAHeadIsExpected()
    {
        var model = OnnxEdits.Load("gru_4x6");
        model.Graph.Output.RemoveAt(0);

        var error = OnnxEdits.ImportError(model);

        Assert.Equal("edited.onnx: expected a dense head (MatMul + Add, or Gemm) after the last recurrent layer, GRU '/rnn/GRU'; found none before output 'hidden'.", error.Message);
    }

    [Fact]
    public void Read_NodeCombiningTwoComputedValues_NamesBoth()
    {
        var model = OnnxEdits.Load("gru_4x6");
        var add = OnnxEdits.Node(model, "Add");
        add.Input[0] = add.Input[1];

        var error = OnnxEdits.ImportError(model);

        Assert.Equal("edited.onnx: Add '/head/Add': expected one input computed from the graph input (a chain of layers); found 2: '/head/MatMul_output_0', '/head/MatMul_output_0'.", error.Message);
    }

    [Fact]
    public void Read_OpsetBefore7_IsRefused()
    {
        var model = OnnxEdits.Load("gru_4x6");
        model.OpsetImport[0].Version = 6;

        var error = OnnxEdits.ImportError(model);

        Assert.Equal("edited.onnx: expected the default ONNX opset 7 or later; found 6.", error.Message);
    }

    [Fact]
    public void Read_NotOnnx_SaysAnOnnxModelWasExpected()
    {
        var json = new MemoryStream("{\"cell\": \"lstm\"}"u8.ToArray());

        var error = Assert.Throws<InvalidDataException>(() => OnnxImporter.Read(json, "model.json"));

        Assert.StartsWith("model.json: expected an ONNX model", error.Message, StringComparison.Ordinal);
    }

    private static void AssertMatchesOnnxRuntime(Onnx.ModelProto model)
    {
        const int Steps = 32;
        var definition = OnnxEdits.Import(model).Definition;
        var runtime = RnnModel.FromDefinition(definition);
        float[] inputs = OnnxReference.RandomInputs(Steps * definition.InputSize, seed: 7);

        var reference = OnnxReference.Run(model.ToByteArray(), inputs, Steps);

        OnnxAgreementTests.AssertAgrees(runtime, inputs, Steps, reference, "edited");
    }
}
