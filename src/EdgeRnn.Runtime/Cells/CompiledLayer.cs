using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// A recurrent layer compiled for stepping. The input projection (bias + W_ih·x) is apart from the recurrence so that a
/// sequence can project many steps at once. LSTM rows are reordered to i, f, o, g so one sigmoid covers three gates.
/// </summary>
internal sealed partial class CompiledLayer
{
    private readonly CompiledMatrix _weightIh;
    private readonly CompiledMatrix _weightHh;

    /// <summary>bias added to the input projection: b_ih + b_hh for RNN and LSTM, b_ih for GRU (padded).</summary>
    private readonly float[] _inputBias;

    /// <summary>GRU only: b_hh, added to the recurrent projection W_hh·h (padded).</summary>
    private readonly float[] _recurrentBias;

    public CompiledLayer(RecurrentLayer layer)
    {
        Kind = layer.Kind;
        InputSize = layer.InputSize;
        HiddenSize = layer.HiddenSize;
        int gates = Kind.GateCount() * HiddenSize;
        int[] order = RowOrder(Kind, HiddenSize);
        _weightIh = new CompiledMatrix(layer.WeightIh, order);
        _weightHh = new CompiledMatrix(layer.WeightHh, order);
        GateRows = _weightIh.PaddedRows;
        _inputBias = new float[GateRows];
        _recurrentBias = new float[GateRows];
        for (int r = 0; r < gates; r++)
        {
            int source = order[r];
            if (Kind == CellKind.Gru)
            {
                _inputBias[r] = layer.BiasIh[source];
                _recurrentBias[r] = layer.BiasHh[source];
            }
            else
            {
                _inputBias[r] = layer.BiasIh[source] + layer.BiasHh[source];
            }
        }

        QuantizedLength = Math.Max(_weightIh.PaddedCols, _weightHh.PaddedCols);
    }

    public CellKind Kind { get; }

    public int InputSize { get; }

    public int HiddenSize { get; }

    /// <summary>G·H rounded up to the kernel unit: the length of a gate buffer.</summary>
    public int GateRows { get; }

    /// <summary>The scratch length an int8 layer needs for a quantized input or hidden vector.</summary>
    public int QuantizedLength { get; }

    public bool IsQuantized => _weightIh.IsQuantized;

    /// <summary>pre = bias + W_ih·x (GateRows values); see <see cref="CompiledMatrix.MultiplyAdd"/> for descending.</summary>
    public void ProjectInput(ReadOnlySpan<float> x, Span<float> pre, Span<sbyte> quantized, bool descending = false) =>
        _weightIh.MultiplyAdd(x, _inputBias, pre, quantized, descending);

    private static int[] RowOrder(CellKind kind, int hidden)
    {
        int gates = kind.GateCount();
        var order = new int[gates * hidden];
        // PyTorch's LSTM order is i, f, g, o; packed as i, f, o, g. Other cells keep PyTorch's order.
        int[] blocks = kind == CellKind.Lstm ? [0, 1, 3, 2] : Enumerable.Range(0, gates).ToArray();
        for (int b = 0; b < gates; b++)
        {
            for (int j = 0; j < hidden; j++)
            {
                order[(b * hidden) + j] = (blocks[b] * hidden) + j;
            }
        }

        return order;
    }
}
