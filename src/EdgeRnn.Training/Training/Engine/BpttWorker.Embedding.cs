namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// The embedding table in front of layer 0 (PyTorch's <c>nn.Embedding</c>): the forward pass reads each step's one-hot
/// input as a token and copies that token's row of the table into layer 0's input; the backward pass adds layer 0's
/// input gradient of each step into the row of the token seen there (a scatter-add: rows of tokens not seen get nothing).
/// </summary>
internal sealed partial class BpttWorker<T>
{
    private int[] _tokens = [];

    /// <summary>Finds the token of every step (the one input equal to 1, all others 0) and gathers its embedding row.</summary>
    /// <exception cref="ArgumentException">A step's input is not one-hot.</exception>
    private void LoadTokens(SequenceNetwork<T> network, ReadOnlySpan<T> inputs, int row0)
    {
        int vocabulary = _shape.InputSize;
        int width = _shape.EmbeddingSize;
        var table = network.Tensor(network.Layout.Embedding);
        for (int b = 0; b < _rows; b++)
        {
            for (int t = 0; t < _steps; t++)
            {
                var x = inputs.Slice((((row0 + b) * _steps) + t) * vocabulary, vocabulary);
                int token = x.IndexOfAnyExcept(T.Zero);
                if (token < 0 || x[token] != T.One || x[(token + 1)..].IndexOfAnyExcept(T.Zero) >= 0)
                {
                    throw new ArgumentException($"Expected one-hot inputs (one value 1, the rest 0) for a network with an embedding; found another vector at window {row0 + b}, step {t}.", nameof(inputs));
                }

                int row = (t * _rows) + b;
                _tokens[row] = token;
                table.Slice(token * width, width).CopyTo(_input.AsSpan(row * width, width));
            }
        }
    }

    /// <summary>d(loss)/d(table)[token] += d(loss)/d(layer 0 input) of every step, in step order.</summary>
    private void ScatterEmbeddingGradient(ReadOnlySpan<T> inputGradient, Span<T> tableGradient)
    {
        int width = _shape.EmbeddingSize;
        int stepRows = _steps * _rows;
        for (int row = 0; row < stepRows; row++)
        {
            var target = tableGradient.Slice(_tokens[row] * width, width);
            System.Numerics.Tensors.TensorPrimitives.Add(target, inputGradient.Slice(row * width, width), target);
        }
    }
}
