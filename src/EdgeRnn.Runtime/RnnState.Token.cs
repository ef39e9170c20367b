using System.Diagnostics.CodeAnalysis;

namespace EdgeRnn.Runtime;

public sealed partial class RnnState
{
    /// <summary>Steps the stream once with a token of a model with an embedding table: layer 0 reads the token's row.</summary>
    /// <remarks>
    /// No input normalisation applies (a token is not a measurement). An int8 table's row is dequantised into a buffer of
    /// this state; nothing is allocated. The outputs equal those of <see cref="Step"/> with the token's one-hot vector.
    /// </remarks>
    /// <param name="token">The token, 0 to <see cref="RnnModel.InputSize"/> − 1 (the vocabulary size).</param>
    /// <param name="output">Receives <see cref="RnnModel.OutputSize"/> outputs.</param>
    /// <exception cref="InvalidOperationException">The model has no embedding table.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="token"/> is outside [0, vocabulary size).</exception>
    /// <exception cref="ArgumentException"><paramref name="output"/> has the wrong length.</exception>
    public void StepToken(int token, Span<float> output)
    {
        if (Model.Embedding is not { } table)
        {
            ThrowNoEmbedding();
            return;
        }

        if ((uint)token >= (uint)table.VocabularySize)
        {
            ThrowToken(token, table.VocabularySize);
        }

        if (output.Length != Model.Head.OutputSize)
        {
            ThrowHelper.ThrowLength(nameof(output), Model.Head.OutputSize, output.Length);
        }

        StepFrom(table.Row(token, _embedded), output);
    }

    [DoesNotReturn]
    private static void ThrowNoEmbedding() =>
        throw new InvalidOperationException("Expected a model with an embedding table (trained with --embedding) to step a token; this model reads vectors: use Step.");

    [DoesNotReturn]
    private static void ThrowToken(int token, int vocabulary) =>
        throw new ArgumentOutOfRangeException(nameof(token), token, $"Expected a token in [0, {vocabulary}) (the model's vocabulary size); found {token}.");
}
