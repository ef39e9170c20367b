using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

/// <summary>Models with a token embedding: <see cref="RnnState.StepToken"/> and every path that steps generic inputs.</summary>
public class TokenStepTests
{
    private const int Vocabulary = 23;
    private const int Width = 7;

    public static TheoryData<CellKind, bool> KindsAndStorage()
    {
        var data = new TheoryData<CellKind, bool>();
        foreach (var kind in CellModels.Kinds)
        {
            data.Add(kind, false);
            data.Add(kind, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void StepToken_EqualsStepOfTheOneHotVector_BitForBit(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(EmbeddingModels.Create(kind, Vocabulary, Width, 17, 2, seed: 3, int8));
        var byToken = model.CreateState();
        var byVector = model.CreateState();
        var a = new float[Vocabulary];
        var b = new float[Vocabulary];
        foreach (int token in Tokens(60))
        {
            byToken.StepToken(token, a);
            byVector.Step(EmbeddingModels.OneHot(Vocabulary, token), b);
            Assert.Equal(Bits(b), Bits(a));
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void StepToken_EqualsTheLayersSteppedWithTheTokensRow(CellKind kind, bool int8)
    {
        var definition = EmbeddingModels.Create(kind, Vocabulary, Width, 9, 2, seed: 5, int8);
        var state = RnnModel.FromDefinition(definition).CreateState();
        var bare = RnnModel.FromDefinition(EmbeddingModels.WithoutTable(definition)).CreateState();
        var table = definition.Embedding!.Weight;
        var a = new float[Vocabulary];
        var b = new float[Vocabulary];
        foreach (int token in Tokens(40))
        {
            state.StepToken(token, a);
            var row = Enumerable.Range(0, Width).Select(e => table[token, e]).ToArray();
            bare.Step(row, b);
            Assert.Equal(Bits(b), Bits(a));
        }
    }

    [Fact]
    public void Step_WeightsOverTokens_FeedTheWeightedSumOfRows()
    {
        var definition = EmbeddingModels.Create(CellKind.Gru, Vocabulary, Width, 8, 1, seed: 7);
        var state = RnnModel.FromDefinition(definition).CreateState();
        var bare = RnnModel.FromDefinition(EmbeddingModels.WithoutTable(definition)).CreateState();
        var x = new float[Vocabulary];
        x[2] = 0.25f;
        x[11] = -1.5f;
        var table = definition.Embedding!.Weight;
        var expectedInput = Enumerable.Range(0, Width).Select(e => (0.25 * table[2, e]) + (-1.5 * table[11, e])).ToArray();
        var a = new float[Vocabulary];
        var b = new float[Vocabulary];

        state.Step(x, a);
        bare.Step(expectedInput.Select(v => (float)v).ToArray(), b);

        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(b[i], a[i], 5e-6f);
        }
    }

    [Theory]
    [MemberData(nameof(KindsAndStorage))]
    public void SequenceBatchAndWindow_OneHotTokens_EqualStepToken(CellKind kind, bool int8)
    {
        var model = RnnModel.FromDefinition(EmbeddingModels.Create(kind, Vocabulary, Width, 12, 2, seed: 9, int8));
        int[] tokens = [.. Tokens(37)];
        var inputs = tokens.SelectMany(t => EmbeddingModels.OneHot(Vocabulary, t)).ToArray();
        var expected = new float[tokens.Length * Vocabulary];
        var state = model.CreateState();
        for (int t = 0; t < tokens.Length; t++)
        {
            state.StepToken(tokens[t], expected.AsSpan(t * Vocabulary, Vocabulary));
        }

        var sequence = new float[expected.Length];
        model.CreateState().StepSequence(inputs, sequence);
        var window = new float[expected.Length];
        model.CreateWindow(tokens.Length).Run(inputs, window);
        var batch = model.CreateBatch(3);
        var batched = new float[3 * Vocabulary];
        var fromBatch = new float[expected.Length];
        for (int t = 0; t < tokens.Length; t++)
        {
            var x = new float[3 * Vocabulary];
            for (int s = 0; s < 3; s++)
            {
                x[(s * Vocabulary) + tokens[t]] = 1f;
            }

            batch.Step(x, batched);
            batched.AsSpan(2 * Vocabulary, Vocabulary).CopyTo(fromBatch.AsSpan(t * Vocabulary));
        }

        Assert.Equal(Bits(expected), Bits(sequence));
        Assert.Equal(Bits(expected), Bits(window));
        Assert.Equal(Bits(expected), Bits(fromBatch));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(Vocabulary)]
    [InlineData(int.MaxValue)]
    public void StepToken_OutOfRange_SaysTheRange(int token)
    {
        var state = RnnModel.FromDefinition(EmbeddingModels.Create(CellKind.Lstm, Vocabulary, Width, 4, 1, seed: 1)).CreateState();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => state.StepToken(token, new float[Vocabulary]));

        Assert.Contains($"Expected a token in [0, {Vocabulary})", e.Message, StringComparison.Ordinal);
        Assert.Contains($"found {token}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepToken_ModelWithoutTable_Throws()
    {
        var state = RnnModel.FromDefinition(TestModels.Random(CellKind.Lstm, 3, 4, 1, 2, seed: 1)).CreateState();

        var e = Assert.Throws<InvalidOperationException>(() => state.StepToken(0, new float[2]));

        Assert.Contains("embedding table", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepToken_WrongOutputLength_Throws()
    {
        var state = RnnModel.FromDefinition(EmbeddingModels.Create(CellKind.Lstm, Vocabulary, Width, 4, 1, seed: 1)).CreateState();

        Assert.Throws<ArgumentException>(() => state.StepToken(1, new float[Vocabulary - 1]));
    }

    [Fact]
    public void Definition_InputSizeIsTheVocabulary()
    {
        var definition = EmbeddingModels.Create(CellKind.Gru, Vocabulary, Width, 4, 1, seed: 1);

        Assert.Equal(Vocabulary, definition.InputSize);
        Assert.Equal(Width, definition.Layers[0].InputSize);
        Assert.Equal(Vocabulary, RnnModel.FromDefinition(definition).InputSize);
        Assert.Equal(Vocabulary, definition.InputNormalization.Count);
    }

    [Fact]
    public void Definition_TableWidthNotLayerInput_Refused()
    {
        var inner = TestModels.Random(CellKind.Lstm, Width, 4, 1, 3, seed: 1);
        var table = new EmbeddingTable(WeightMatrix.FromFloat(5, Width + 1, new float[5 * (Width + 1)]));

        var e = Assert.Throws<ArgumentException>(() => new ModelDefinition(inner.Layers, inner.Head, embedding: table));

        Assert.Contains($"Expected layer 0 input size {Width + 1} (the embedding's width); found {Width}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definition_TableWithBidirectionalLayer_Refused()
    {
        var inner = TestModels.Random(CellKind.Gru, Width, 4, 1, 3, seed: 1);
        var bidirectional = RecurrentLayer.Bidirectional(inner.Layers[0], inner.Layers[0]);
        var head = new DenseLayer(WeightMatrix.FromFloat(3, 8, new float[24]), new float[3]);
        var table = new EmbeddingTable(WeightMatrix.FromFloat(5, Width, new float[5 * Width]));

        Assert.Throws<ArgumentException>(() => new ModelDefinition([bidirectional], head, embedding: table));
    }

    [Fact]
    public void Quantize_ReportsTheTableFirst_PerRowScales()
    {
        var definition = EmbeddingModels.Create(CellKind.Lstm, Vocabulary, Width, 6, 1, seed: 2);

        var int8 = ModelQuantizer.Quantize(definition, out var report);

        Assert.Equal("embedding.weight", report.Matrices[0].Name);
        Assert.Equal((Vocabulary, Width), (report.Matrices[0].Rows, report.Matrices[0].Cols));
        Assert.True(int8.Embedding!.IsQuantized);
        Assert.True(int8.IsQuantized);
        Assert.Equal(Vocabulary, int8.Embedding.Weight.RowScales.Length);
        for (int v = 0; v < Vocabulary; v++)
        {
            for (int e = 0; e < Width; e++)
            {
                Assert.Equal(definition.Embedding!.Weight[v, e], int8.Embedding.Weight[v, e], (int8.Embedding.Weight.RowScales[v] / 2) + 1e-6f);
            }
        }
    }

    private static IEnumerable<int> Tokens(int count)
    {
        var random = new Random(count);
        for (int i = 0; i < count; i++)
        {
            yield return i < 3 ? 4 : random.Next(Vocabulary);
        }
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
