namespace EdgeRnn.Runtime.Model;

/// <summary>The kind of a recurrent layer, in PyTorch's form.</summary>
public enum CellKind
{
    /// <summary>Elman RNN, h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (PyTorch <c>nn.RNN</c>, nonlinearity "tanh").</summary>
    RnnTanh = 0,

    /// <summary>Elman RNN with ReLU, h' = max(0, W_ih x + b_ih + W_hh h + b_hh) (PyTorch <c>nn.RNN</c>, nonlinearity "relu").</summary>
    RnnRelu = 1,

    /// <summary>LSTM with gates in PyTorch's order i, f, g, o (PyTorch <c>nn.LSTM</c>).</summary>
    Lstm = 2,

    /// <summary>GRU with gates in PyTorch's order r, z, n, where n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)) (PyTorch <c>nn.GRU</c>).</summary>
    Gru = 3,
}

/// <summary>Facts about <see cref="CellKind"/> values.</summary>
public static class CellKinds
{
    /// <summary>The number of gate blocks G stacked along the rows of a layer's weights: 1 for RNN, 4 for LSTM, 3 for GRU.</summary>
    /// <param name="kind">The cell kind.</param>
    /// <returns>G.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not defined.</exception>
    public static int GateCount(this CellKind kind) => kind switch
    {
        CellKind.RnnTanh or CellKind.RnnRelu => 1,
        CellKind.Lstm => 4,
        CellKind.Gru => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected RnnTanh, RnnRelu, Lstm or Gru."),
    };

    /// <summary>Whether the cell carries a cell state c beside h (only the LSTM does).</summary>
    /// <param name="kind">The cell kind.</param>
    /// <returns>True for <see cref="CellKind.Lstm"/>.</returns>
    public static bool HasCellState(this CellKind kind) => kind == CellKind.Lstm;
}
