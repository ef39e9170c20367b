using System.Globalization;

namespace EdgeRnn.Runtime.Model;

/// <summary>Quantizes a float32 model to int8 weights, symmetric per output row.</summary>
/// <remarks>
/// For each row r of each weight matrix: s_r = max_c |w[r, c]| / 127 and q[r, c] = clamp(round(w[r, c] / s_r), −127, 127),
/// rounding half to even; a row of zeros gets s_r = 0 and q = 0. The runtime uses w ≈ q · s_r. A decoder's layers and
/// attention matrices are quantized alike (its score vector v stays float32). Biases, normalisation,
/// metadata and scoring stay as they are; a detector's other forecasters are quantized alike (the report covers the first).
/// </remarks>
public static class ModelQuantizer
{
    /// <summary>Returns an int8 copy of <paramref name="definition"/> and reports the weight error per layer.</summary>
    /// <param name="definition">A model; int8 matrices in it are kept as they are (reported with zero error).</param>
    /// <param name="report">Max and mean absolute weight error per matrix, with PyTorch's names.</param>
    /// <returns>The int8 definition (same metadata, normalisation and scoring).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public static ModelDefinition Quantize(ModelDefinition definition, out QuantizationReport report)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<MatrixQuantizationError>(2 * definition.Layers.Count + 1);
        var layers = new RecurrentLayer[definition.Layers.Count];
        for (int k = 0; k < layers.Length; k++)
        {
            RecurrentLayer layer = definition.Layers[k];
            string suffix = k.ToString(CultureInfo.InvariantCulture);
            WeightMatrix weightIh = Quantize(layer.WeightIh, "rnn.weight_ih_l" + suffix, errors);
            WeightMatrix weightHh = Quantize(layer.WeightHh, "rnn.weight_hh_l" + suffix, errors);
            layers[k] = new RecurrentLayer(layer.Kind, weightIh, weightHh, layer.BiasIh, layer.BiasHh);
            if (layer.Reverse is { } reverse)
            {
                WeightMatrix reverseIh = Quantize(reverse.WeightIh, "rnn.weight_ih_l" + suffix + "_reverse", errors);
                WeightMatrix reverseHh = Quantize(reverse.WeightHh, "rnn.weight_hh_l" + suffix + "_reverse", errors);
                layers[k] = RecurrentLayer.Bidirectional(layers[k], new RecurrentLayer(reverse.Kind, reverseIh, reverseHh, reverse.BiasIh, reverse.BiasHh));
            }
        }

        var decoder = definition.Decoder is { } d ? Quantize(d, errors) : null;
        var head = new DenseLayer(Quantize(definition.Head.Weight, "head.weight", errors), definition.Head.Bias);
        report = new QuantizationReport(errors);
        var detector = definition.Detector?.WithMembers([.. definition.Detector.Members.Select(m => Quantize(m, out _))]);
        return new ModelDefinition(layers, head, definition.InputNormalization, definition.OutputNormalization, definition.Metadata, definition.Scoring, detector, decoder);
    }

    /// <summary>The decoder's layers (<c>decoder.weight_ih_l{k}</c>, <c>decoder.weight_hh_l{k}</c>) and attention matrices (<c>attention.*.weight</c>); v stays float32.</summary>
    private static SequenceDecoder Quantize(SequenceDecoder decoder, List<MatrixQuantizationError> errors)
    {
        var layers = new RecurrentLayer[decoder.Layers.Count];
        for (int k = 0; k < layers.Length; k++)
        {
            RecurrentLayer layer = decoder.Layers[k];
            string suffix = k.ToString(CultureInfo.InvariantCulture);
            WeightMatrix weightIh = Quantize(layer.WeightIh, "decoder.weight_ih_l" + suffix, errors);
            WeightMatrix weightHh = Quantize(layer.WeightHh, "decoder.weight_hh_l" + suffix, errors);
            layers[k] = new RecurrentLayer(layer.Kind, weightIh, weightHh, layer.BiasIh, layer.BiasHh);
        }

        WeightMatrix? Optional(WeightMatrix? matrix, string name) => matrix is null ? null : Quantize(matrix, name, errors);
        return new SequenceDecoder(
            decoder.Horizon,
            decoder.Start,
            layers,
            decoder.Attention,
            Optional(decoder.General, "attention.general.weight"),
            Optional(decoder.Memory, "attention.memory.weight"),
            Optional(decoder.Query, "attention.query.weight"),
            decoder.Score,
            Optional(decoder.Combine, "attention.combine.weight"));
    }

    /// <summary>Quantizes one matrix per row; an int8 matrix is returned as it is.</summary>
    /// <param name="matrix">The matrix.</param>
    /// <param name="name">Its PyTorch name, for the report.</param>
    /// <param name="errors">Receives the matrix's error.</param>
    /// <returns>The int8 matrix.</returns>
    internal static WeightMatrix Quantize(WeightMatrix matrix, string name, List<MatrixQuantizationError> errors)
    {
        if (matrix.IsQuantized)
        {
            errors.Add(new MatrixQuantizationError(name, matrix.Rows, matrix.Cols, 0, 0));
            return matrix;
        }

        int rows = matrix.Rows;
        int cols = matrix.Cols;
        ReadOnlySpan<float> values = matrix.Values;
        var quantized = new sbyte[values.Length];
        var scales = new float[rows];
        double maxError = 0;
        double sumError = 0;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> row = values.Slice(r * cols, cols);
            Span<sbyte> q = quantized.AsSpan(r * cols, cols);
            float scale = QuantizeRow(row, q);
            scales[r] = scale;
            for (int c = 0; c < cols; c++)
            {
                double error = Math.Abs((double)row[c] - (q[c] * scale));
                maxError = Math.Max(maxError, error);
                sumError += error;
            }
        }

        errors.Add(new MatrixQuantizationError(name, rows, cols, maxError, values.Length == 0 ? 0 : sumError / values.Length));
        return WeightMatrix.FromInt8(rows, cols, quantized, scales);
    }

    /// <summary>Quantizes one row: s = max|w| / 127, q = clamp(round-half-even(w / s), −127, 127).</summary>
    /// <param name="row">The float weights.</param>
    /// <param name="quantized">Receives the int8 values.</param>
    /// <returns>The scale s (0 for a row of zeros, and then every q is 0).</returns>
    internal static float QuantizeRow(ReadOnlySpan<float> row, Span<sbyte> quantized)
    {
        float maxAbs = 0;
        foreach (float w in row)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(w));
        }

        float scale = maxAbs / 127f;
        if (scale == 0f)
        {
            quantized.Clear();
            return 0f;
        }

        for (int c = 0; c < row.Length; c++)
        {
            double q = Math.Round(row[c] / (double)scale, MidpointRounding.ToEven);
            quantized[c] = (sbyte)Math.Clamp(q, -127, 127);
        }

        return scale;
    }
}

/// <summary>The weight error of one quantized matrix.</summary>
/// <param name="Name">PyTorch's name of the matrix, e.g. <c>rnn.weight_ih_l0</c> or <c>head.weight</c>.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Cols">Columns.</param>
/// <param name="MaxAbsError">The largest |w − q·s| over the matrix (0 for a matrix that was already int8).</param>
/// <param name="MeanAbsError">The mean |w − q·s| over the matrix (0 for a matrix that was already int8).</param>
public sealed record MatrixQuantizationError(string Name, int Rows, int Cols, double MaxAbsError, double MeanAbsError);

/// <summary>What quantization changed, matrix by matrix.</summary>
/// <param name="Matrices">One entry per weight matrix, first layer first (weight_ih before weight_hh, a bidirectional layer's reverse direction after its forward one), then a decoder's layers and attention matrices, the head last.</param>
public sealed record QuantizationReport(IReadOnlyList<MatrixQuantizationError> Matrices);
