using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

public class SequenceDecoderTests
{
    private static readonly Random Seeded = new(5);

    [Theory]
    [InlineData(AttentionKind.None)]
    [InlineData(AttentionKind.Dot)]
    [InlineData(AttentionKind.General)]
    [InlineData(AttentionKind.Additive)]
    public void Constructor_EveryAttentionKind_KeepsItsWeightsAndShapes(AttentionKind attention)
    {
        var definition = Seq2SeqModels.Random(CellKind.Gru, 3, 6, 2, 2, 5, attention, seed: 1, width: 4);
        var decoder = definition.Decoder!;

        Assert.True(definition.IsSequenceToSequence);
        Assert.Equal(5, decoder.Horizon);
        Assert.Equal(attention, decoder.Attention);
        Assert.Equal(2, decoder.Layers.Count);
        Assert.Equal(attention == AttentionKind.Additive ? 4 : 0, decoder.AttentionSize);
        Assert.Equal(attention == AttentionKind.Additive ? 4 : 0, decoder.Score.Length);
        Assert.Equal(attention != AttentionKind.None, decoder.Combine is not null);
        Assert.Equal(attention == AttentionKind.General, decoder.General is not null);
        Assert.Equal(attention == AttentionKind.Additive, decoder.Memory is not null && decoder.Query is not null);
        Assert.False(decoder.IsQuantized);
    }

    [Fact]
    public void With_NewMetadata_KeepsTheDecoder()
    {
        var definition = Seq2SeqModels.Random(CellKind.Lstm, 3, 4, 1, 2, 3, AttentionKind.Dot, seed: 2);
        var copy = definition.With(metadata: new ModelMetadata { Task = ModelTask.Reconstruct });

        Assert.Same(definition.Decoder, copy.Decoder);
        Assert.Equal(ModelTask.Reconstruct, copy.Metadata.Task);
    }

    [Fact]
    public void Constructor_WithoutDecoder_IsNotSequenceToSequence()
    {
        var definition = TestModels.Random(CellKind.Lstm, 3, 4, 1, 2, seed: 3);

        Assert.Null(definition.Decoder);
        Assert.False(definition.IsSequenceToSequence);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ModelDefinition.MaxHorizon + 1)]
    public void Constructor_HorizonOutOfRange_Throws(int horizon)
    {
        var error = Assert.Throws<ArgumentException>(() => new SequenceDecoder(horizon, DecoderStart.Zeros, Layers(CellKind.Lstm, 2, 4, 1), AttentionKind.None));
        Assert.Contains($"found {horizon}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingOrExtraAttentionWeights_Throw()
    {
        var layers = Layers(CellKind.Lstm, 2, 4, 1);
        var combine = Matrix(4, 8);
        Assert.Contains("combine (W_c) weight of 4 × 8", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Dot)).Message, StringComparison.Ordinal);
        Assert.Contains("no attention combine", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.None, combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("general (W_a) weight of 4 × 4", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.General, combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("no attention general", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Dot, general: Matrix(4, 4), combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("no score vector", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Dot, score: [1f], combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("query (W_q) weight of 3 × 4", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Additive, memory: Matrix(3, 4), score: [1f, 2f, 3f], combine: combine)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WrongAttentionShapes_SayExpectedAndFound()
    {
        var layers = Layers(CellKind.Gru, 2, 4, 1);
        var combine = Matrix(4, 8);
        Assert.Contains("to be 4 × 8; found 4 × 4", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Dot, combine: Matrix(4, 4))).Message, StringComparison.Ordinal);
        Assert.Contains("to be 4 × 4; found 4 × 5", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.General, general: Matrix(4, 5), combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("to be 3 × 4; found 3 × 5", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Additive, memory: Matrix(3, 4), query: Matrix(3, 5), score: [1f, 2f, 3f], combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("Expected 3 values; found 2", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Additive, memory: Matrix(3, 4), query: Matrix(3, 4), score: [1f, 2f], combine: combine)).Message, StringComparison.Ordinal);
        Assert.Contains("finite", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, layers, AttentionKind.Additive, memory: Matrix(3, 4), query: Matrix(3, 4), score: [1f, float.NaN, 3f], combine: combine)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MixedOrBidirectionalLayers_Throw()
    {
        var lstm = Layers(CellKind.Lstm, 2, 4, 1)[0];
        var gru = Layers(CellKind.Gru, 4, 4, 1)[0];
        Assert.Contains("found layer 1 Gru", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, [lstm, gru], AttentionKind.None)).Message, StringComparison.Ordinal);
        var bidirectional = RecurrentLayer.Bidirectional(lstm, Layers(CellKind.Lstm, 2, 4, 1)[0]);
        Assert.Contains("unidirectional", Assert.Throws<ArgumentException>(() => new SequenceDecoder(3, DecoderStart.Zeros, [bidirectional], AttentionKind.None)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelDefinition_DecoderNotMatchingTheEncoder_Throws()
    {
        var head = new DenseLayer(Matrix(2, 4), [0f, 0f]);
        var decoder = new SequenceDecoder(3, DecoderStart.Zeros, Layers(CellKind.Lstm, 2, 4, 1), AttentionKind.None);
        Assert.Contains("found 1 Lstm layers of 4", Assert.Throws<ArgumentException>(() => new ModelDefinition(Layers(CellKind.Gru, 3, 4, 1), head, decoder: decoder)).Message, StringComparison.Ordinal);
        Assert.Contains("found 1 Lstm layers of 4", Assert.Throws<ArgumentException>(() => new ModelDefinition(Layers(CellKind.Lstm, 3, 4, 2), head, decoder: decoder)).Message, StringComparison.Ordinal);
        var wideHead = new DenseLayer(Matrix(3, 4), [0f, 0f, 0f]);
        Assert.Contains("Expected decoder layer 0 input size 3 (the head's outputs, fed back); found 2", Assert.Throws<ArgumentException>(() => new ModelDefinition(Layers(CellKind.Lstm, 3, 4, 1), wideHead, decoder: decoder)).Message, StringComparison.Ordinal);
        var bidirectional = RecurrentLayer.Bidirectional(Layers(CellKind.Lstm, 3, 4, 1)[0], Layers(CellKind.Lstm, 3, 4, 1)[0]);
        Assert.Contains("unidirectional encoder", Assert.Throws<ArgumentException>(() => new ModelDefinition([bidirectional], new DenseLayer(Matrix(2, 8), [0f, 0f]), decoder: decoder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelDefinition_LastTargetsWithoutEnoughTargets_Throws()
    {
        var decoder = new SequenceDecoder(3, DecoderStart.LastTargets, Layers(CellKind.Lstm, 3, 4, 1), AttentionKind.None);
        var head = new DenseLayer(Matrix(3, 4), [0f, 0f, 0f]);
        var metadata = new ModelMetadata { TargetChannels = [0] };
        Assert.Contains("Expected 3 target channels", Assert.Throws<ArgumentException>(() => new ModelDefinition(Layers(CellKind.Lstm, 2, 4, 1), head, decoder: decoder)).Message, StringComparison.Ordinal);
        Assert.Contains("found 1 channels for 3 outputs", Assert.Throws<ArgumentException>(() => new ModelDefinition(Layers(CellKind.Lstm, 4, 4, 1), head, metadata: metadata, decoder: decoder)).Message, StringComparison.Ordinal);
        Assert.NotNull(new ModelDefinition(Layers(CellKind.Lstm, 3, 4, 1), head, decoder: decoder).Decoder);
    }

    [Theory]
    [InlineData(AttentionKind.General)]
    [InlineData(AttentionKind.Additive)]
    public void Quantize_Seq2Seq_ReportsDecoderAndAttentionMatricesAndKeepsVFloat(AttentionKind attention)
    {
        var definition = Seq2SeqModels.Random(CellKind.Lstm, 3, 6, 2, 2, 4, attention, seed: 8, width: 5);
        var quantized = ModelQuantizer.Quantize(definition, out var report);
        var decoder = quantized.Decoder!;

        string[] expected = attention == AttentionKind.General
            ? ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.weight_ih_l1", "decoder.weight_hh_l1", "attention.general.weight", "attention.combine.weight", "head.weight"]
            : ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.weight_ih_l1", "decoder.weight_hh_l1", "attention.memory.weight", "attention.query.weight", "attention.combine.weight", "head.weight"];
        Assert.Equal(expected, report.Matrices.Select(m => m.Name));
        Assert.True(decoder.IsQuantized);
        Assert.All(decoder.Layers, l => Assert.True(l.IsQuantized));
        Assert.All(new[] { decoder.General, decoder.Memory, decoder.Query, decoder.Combine }.OfType<WeightMatrix>(), m => Assert.True(m.IsQuantized));
        Assert.Equal(definition.Decoder!.Score.ToArray(), decoder.Score.ToArray());
        Assert.Equal(definition.Decoder.Horizon, decoder.Horizon);
        var original = definition.Decoder.Combine!;
        var combine = decoder.Combine!;
        for (int r = 0; r < original.Rows; r++)
        {
            for (int c = 0; c < original.Cols; c++)
            {
                Assert.True(Math.Abs(original[r, c] - combine[r, c]) <= (combine.RowScales[r] / 2) + 1e-7f, $"W_c[{r}, {c}]");
            }
        }
    }

    [Fact]
    public void ModelDefinition_ReconstructWithoutDecoderOrSeq2SeqEnsembleMember_Throws()
    {
        var plain = TestModels.Random(CellKind.Lstm, 3, 4, 1, 2, seed: 3);
        Assert.Contains("Expected a decoder for a Reconstruct model", Assert.Throws<ArgumentException>(() => plain.With(metadata: new ModelMetadata { Task = ModelTask.Reconstruct })).Message, StringComparison.Ordinal);

        var member = Seq2SeqModels.Random(CellKind.Lstm, 3, 4, 1, 2, 3, AttentionKind.None, seed: 4);
        var detector = new DetectorDefinition(new LikelihoodParameters(), 0.5, [member]);
        Assert.Contains("found an encoder-decoder", Assert.Throws<ArgumentException>(() => plain.With(detector: detector)).Message, StringComparison.Ordinal);
    }

    private static RecurrentLayer[] Layers(CellKind kind, int input, int hidden, int count) =>
        Seq2SeqModels.Stack(Seeded, kind, input, hidden, count, 0.5f);

    private static WeightMatrix Matrix(int rows, int cols) => WeightMatrix.FromFloat(rows, cols, TestModels.Uniform(Seeded, rows * cols, 0.5f));
}
