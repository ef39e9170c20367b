namespace EdgeRnn.Runtime.Model;

/// <summary>Quantizes a float32 model to int8 weights, symmetric per output row.</summary>
public static class ModelQuantizer
{
    /// <summary>Returns an int8 copy of <paramref name="definition"/> and reports the weight error per layer.</summary>
    /// <param name="definition">A model; int8 matrices in it are kept as they are.</param>
    /// <param name="report">Max and mean absolute weight error per matrix.</param>
    /// <returns>The int8 definition (same metadata, normalisation and scoring).</returns>
    public static ModelDefinition Quantize(ModelDefinition definition, out QuantizationReport report) => throw new NotImplementedException();
}

/// <summary>The weight error of one quantized matrix.</summary>
/// <param name="Name">PyTorch's name of the matrix, e.g. <c>rnn.weight_ih_l0</c> or <c>head.weight</c>.</param>
/// <param name="Rows">Rows.</param>
/// <param name="Cols">Columns.</param>
/// <param name="MaxAbsError">The largest |w − q·s| over the matrix.</param>
/// <param name="MeanAbsError">The mean |w − q·s| over the matrix.</param>
public sealed record MatrixQuantizationError(string Name, int Rows, int Cols, double MaxAbsError, double MeanAbsError);

/// <summary>What quantization changed, matrix by matrix.</summary>
/// <param name="Matrices">One entry per weight matrix, first layer first, the head last.</param>
public sealed record QuantizationReport(IReadOnlyList<MatrixQuantizationError> Matrices);
