namespace EdgeRnn.Runtime.Model;

/// <summary>
/// A learned embedding in front of the first recurrent layer (PyTorch's <c>nn.Embedding(V, E)</c>, parameter
/// <c>embedding.weight</c> [V, E]): the model's inputs are tokens 0 to V − 1 and token v steps the first layer with row v
/// of the table. Stored as float32 or int8 (one scale per row, as the layers' weights).
/// </summary>
/// <remarks>
/// A model with a table takes V inputs (<see cref="ModelDefinition.InputSize"/> is <see cref="VocabularySize"/>): a step of
/// V values x (one-hot for a token) feeds the first layer with Eᵀx = Σ_v x_v · row v, which for a one-hot x is the
/// token's row; <c>RnnState.StepToken</c> reads the row directly.
/// </remarks>
public sealed class EmbeddingTable
{
    /// <summary>Creates a table.</summary>
    /// <param name="weight">The table, V rows (tokens) × E columns (the first layer's input size), float32 or int8.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weight"/> is null.</exception>
    /// <exception cref="ArgumentException">The table has no row or no column, or is wider or longer than <see cref="ModelDefinition.MaxWidth"/>.</exception>
    public EmbeddingTable(WeightMatrix weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.Rows is < 1 or > ModelDefinition.MaxWidth || weight.Cols is < 1 or > ModelDefinition.MaxWidth)
        {
            throw new ArgumentException($"Expected an embedding table of 1 to {ModelDefinition.MaxWidth} rows (tokens) and columns; found {weight.Rows} × {weight.Cols}.", nameof(weight));
        }

        Weight = weight;
    }

    /// <summary>The table, <see cref="VocabularySize"/> × <see cref="EmbeddingSize"/>, row v the embedding of token v.</summary>
    public WeightMatrix Weight { get; }

    /// <summary>V, the number of tokens (the model's input size).</summary>
    public int VocabularySize => Weight.Rows;

    /// <summary>E, the width of each row (the first recurrent layer's input size).</summary>
    public int EmbeddingSize => Weight.Cols;

    /// <summary>Whether the table is int8 with per-row scales.</summary>
    public bool IsQuantized => Weight.IsQuantized;
}
