using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

public class ModelQuantizerTests
{
    public static TheoryData<CellKind, int> Cases() => new()
    {
        { CellKind.RnnTanh, 1 },
        { CellKind.RnnRelu, 2 },
        { CellKind.Lstm, 3 },
        { CellKind.Gru, 4 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quantize_RandomModel_EveryWeightWithinHalfAScaleOfTheOriginal(CellKind kind, int layers)
    {
        ModelDefinition model = TestModels.Random(kind, 7, 13, layers, 3, seed: 11 * layers);
        ModelDefinition quantized = ModelQuantizer.Quantize(model, out var report);

        Assert.True(quantized.IsQuantized);
        var pairs = model.Layers.Zip(quantized.Layers).SelectMany(p => new[] { (p.First.WeightIh, p.Second.WeightIh), (p.First.WeightHh, p.Second.WeightHh) })
            .Append((model.Head.Weight, quantized.Head.Weight)).ToArray();
        Assert.Equal(pairs.Length, report.Matrices.Count);
        for (int m = 0; m < pairs.Length; m++)
        {
            var (original, q) = pairs[m];
            Assert.True(q.IsQuantized);
            double max = 0, sum = 0;
            for (int r = 0; r < original.Rows; r++)
            {
                float scale = q.RowScales[r];
                float rowMax = 0;
                for (int c = 0; c < original.Cols; c++)
                {
                    rowMax = Math.Max(rowMax, Math.Abs(original[r, c]));
                }

                Assert.Equal(rowMax / 127f, scale);
                for (int c = 0; c < original.Cols; c++)
                {
                    double error = Math.Abs((double)original[r, c] - q[r, c]);
                    Assert.True(error <= (scale / 2) + (1.2e-7 * rowMax), $"{report.Matrices[m].Name} [{r},{c}]: error {error} > scale/2 = {scale / 2}");
                    max = Math.Max(max, error);
                    sum += error;
                }
            }

            Assert.Equal(max, report.Matrices[m].MaxAbsError, 12);
            Assert.Equal(sum / (original.Rows * original.Cols), report.Matrices[m].MeanAbsError, 12);
            Assert.True(report.Matrices[m].MaxAbsError > 0);
        }
    }

    [Fact]
    public void Quantize_TwoLayers_ReportsPyTorchNamesInOrder()
    {
        ModelDefinition model = TestModels.Random(CellKind.Gru, 4, 6, 2, 2, seed: 5);

        ModelQuantizer.Quantize(model, out var report);

        Assert.Equal(
            ["rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "head.weight"],
            report.Matrices.Select(m => m.Name));
        Assert.Equal((18, 4), (report.Matrices[0].Rows, report.Matrices[0].Cols));
        Assert.Equal((18, 6), (report.Matrices[1].Rows, report.Matrices[1].Cols));
        Assert.Equal((2, 6), (report.Matrices[4].Rows, report.Matrices[4].Cols));
    }

    [Fact]
    public void Quantize_ZeroRow_ScaleZeroAndAllValuesZero()
    {
        float[] weights = [0, 0, 0, 0.5f, -1f, 0.25f];
        var head = new DenseLayer(WeightMatrix.FromFloat(2, 3, weights), [0, 0]);
        ModelDefinition model = new(TestModels.Random(CellKind.RnnTanh, 2, 3, 1, 2, seed: 1).Layers, head);

        ModelDefinition quantized = ModelQuantizer.Quantize(model, out var report);

        WeightMatrix q = quantized.Head.Weight;
        Assert.Equal([0f, 1f / 127f], q.RowScales.ToArray());
        Assert.Equal(new sbyte[] { 0, 0, 0, 64, -127, 32 }, q.Quantized.ToArray());
        Assert.Equal((64 / 127.0) - 0.5, report.Matrices[^1].MaxAbsError, 6);
    }

    [Fact]
    public void QuantizeRow_HalfwayValues_RoundToEven()
    {
        // Scale 1: the row max is 127. 2.5 → 2, 3.5 → 4, −2.5 → −2.
        float[] row = [127f, 2.5f, 3.5f, -2.5f, -127f];
        var q = new sbyte[row.Length];

        float scale = ModelQuantizer.QuantizeRow(row, q);

        Assert.Equal(1f, scale);
        Assert.Equal(new sbyte[] { 127, 2, 4, -2, -127 }, q);
    }

    [Fact]
    public void Quantize_Int8Input_KeptUnchangedWithZeroError()
    {
        ModelDefinition once = ModelQuantizer.Quantize(TestModels.Random(CellKind.Lstm, 5, 8, 2, 5, seed: 3), out _);

        ModelDefinition twice = ModelQuantizer.Quantize(once, out var report);

        for (int k = 0; k < once.Layers.Count; k++)
        {
            Assert.Same(once.Layers[k].WeightIh, twice.Layers[k].WeightIh);
            Assert.Same(once.Layers[k].WeightHh, twice.Layers[k].WeightHh);
        }

        Assert.Same(once.Head.Weight, twice.Head.Weight);
        Assert.All(report.Matrices, m => Assert.Equal((0.0, 0.0), (m.MaxAbsError, m.MeanAbsError)));
    }

    [Fact]
    public void Quantize_DecoratedModel_KeepsBiasesNormalisationMetadataAndScoring()
    {
        ModelDefinition model = TestModels.Decorated(TestModels.Random(CellKind.Gru, 3, 5, 1, 2, seed: 8), seed: 9);

        ModelDefinition quantized = ModelQuantizer.Quantize(model, out _);

        Assert.Same(model.Metadata, quantized.Metadata);
        Assert.Same(model.Scoring, quantized.Scoring);
        Assert.Same(model.InputNormalization, quantized.InputNormalization);
        Assert.Same(model.OutputNormalization, quantized.OutputNormalization);
        Assert.Equal(model.Layers[0].BiasIh.ToArray(), quantized.Layers[0].BiasIh.ToArray());
        Assert.Equal(model.Layers[0].BiasHh.ToArray(), quantized.Layers[0].BiasHh.ToArray());
        Assert.Equal(model.Head.Bias.ToArray(), quantized.Head.Bias.ToArray());
    }
}
