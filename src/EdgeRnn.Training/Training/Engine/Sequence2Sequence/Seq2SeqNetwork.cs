using EdgeRnn.Runtime.Model;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine.Sequence2Sequence;

/// <summary>
/// An encoder–decoder's parameters in one flat vector (see <see cref="Seq2SeqLayout"/>) plus the transposed copies and
/// folded biases the batch-major products read. Call <see cref="Refresh"/> after changing <see cref="Parameters"/>.
/// </summary>
internal sealed class Seq2SeqNetwork<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly LayerWeights[] _encoder;
    private readonly LayerWeights[] _decoder;
    private readonly T[] _generalT;
    private readonly T[] _memoryT;
    private readonly T[] _queryT;
    private readonly T[] _combineT;
    private readonly T[] _headT;

    public Seq2SeqNetwork(Seq2SeqLayout layout, T[]? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (parameters is not null && parameters.Length != layout.Count)
        {
            throw new ArgumentException($"Expected {layout.Count} parameters; found {parameters.Length}.", nameof(parameters));
        }

        Layout = layout;
        Parameters = parameters ?? new T[layout.Count];
        _encoder = new LayerWeights[Shape.Layers];
        _decoder = new LayerWeights[Shape.Layers];
        for (int l = 0; l < Shape.Layers; l++)
        {
            _encoder[l] = new LayerWeights(this, decoder: false, l);
            _decoder[l] = new LayerWeights(this, decoder: true, l);
        }

        _generalT = new T[layout.General.Length];
        _memoryT = new T[layout.Memory.Length];
        _queryT = new T[layout.Query.Length];
        _combineT = new T[layout.Combine.Length];
        _headT = new T[layout.HeadWeight.Length];
        Refresh();
    }

    public Seq2SeqLayout Layout { get; }

    public Seq2SeqShape Shape => Layout.Shape;

    /// <summary>The flat parameter vector (PyTorch layouts).</summary>
    public T[] Parameters { get; }

    /// <summary>W_aᵀ, [H, H].</summary>
    public ReadOnlySpan<T> GeneralT => _generalT;

    /// <summary>W_kᵀ, [H, A].</summary>
    public ReadOnlySpan<T> MemoryT => _memoryT;

    /// <summary>W_qᵀ, [H, A].</summary>
    public ReadOnlySpan<T> QueryT => _queryT;

    /// <summary>W_cᵀ, [2H, H].</summary>
    public ReadOnlySpan<T> CombineT => _combineT;

    /// <summary>W_headᵀ, [H, out].</summary>
    public ReadOnlySpan<T> HeadT => _headT;

    /// <summary>Layer <paramref name="layer"/> of the encoder as unit 0 of a one-layer stack.</summary>
    public IRecurrentWeights<T> Encoder(int layer) => _encoder[layer];

    /// <summary>Layer <paramref name="layer"/> of the decoder as unit 0 of a one-layer stack.</summary>
    public IRecurrentWeights<T> Decoder(int layer) => _decoder[layer];

    public ReadOnlySpan<T> Tensor(ParameterTensor tensor) => tensor.Of(Parameters);

    /// <summary>Recomputes the transposed copies and folded biases from <see cref="Parameters"/>.</summary>
    public void Refresh()
    {
        for (int l = 0; l < Shape.Layers; l++)
        {
            _encoder[l].Refresh();
            _decoder[l].Refresh();
        }

        Transpose(Tensor(Layout.General), _generalT, Layout.General.Rows, Layout.General.Cols);
        Transpose(Tensor(Layout.Memory), _memoryT, Layout.Memory.Rows, Layout.Memory.Cols);
        Transpose(Tensor(Layout.Query), _queryT, Layout.Query.Rows, Layout.Query.Cols);
        Transpose(Tensor(Layout.Combine), _combineT, Layout.Combine.Rows, Layout.Combine.Cols);
        Transpose(Tensor(Layout.HeadWeight), _headT, Layout.HeadWeight.Rows, Layout.HeadWeight.Cols);
    }

    private static void Transpose(ReadOnlySpan<T> source, Span<T> destination, int rows, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                destination[(c * rows) + r] = source[(r * cols) + c];
            }
        }
    }

    /// <summary>One recurrent layer's weights, seen by a cell as unit 0.</summary>
    private sealed class LayerWeights : IRecurrentWeights<T>
    {
        private readonly Seq2SeqNetwork<T> _network;
        private readonly ParameterTensor _weightIh;
        private readonly ParameterTensor _weightHh;
        private readonly ParameterTensor _biasIh;
        private readonly ParameterTensor _biasHh;
        private readonly T[] _inputT;
        private readonly T[] _recurrentT;
        private readonly T[] _stepBias;

        public LayerWeights(Seq2SeqNetwork<T> network, bool decoder, int layer)
        {
            _network = network;
            var layout = network.Layout;
            _weightIh = layout.Recurrent(decoder, layer, 0);
            _weightHh = layout.Recurrent(decoder, layer, 1);
            _biasIh = layout.Recurrent(decoder, layer, 2);
            _biasHh = layout.Recurrent(decoder, layer, 3);
            _inputT = new T[_weightIh.Length];
            _recurrentT = new T[_weightHh.Length];
            _stepBias = new T[_biasIh.Length];
        }

        public ReadOnlySpan<T> InputWeightsT(int unit) => _inputT;

        public ReadOnlySpan<T> RecurrentWeightsT(int unit) => _recurrentT;

        public ReadOnlySpan<T> StepBias(int unit) => _stepBias;

        public ReadOnlySpan<T> RecurrentWeights(int unit) => _network.Tensor(_weightHh);

        public ReadOnlySpan<T> RecurrentBias(int unit) => _network.Tensor(_biasHh);

        public void Refresh()
        {
            Transpose(_network.Tensor(_weightIh), _inputT, _weightIh.Rows, _weightIh.Cols);
            Transpose(_network.Tensor(_weightHh), _recurrentT, _weightHh.Rows, _weightHh.Cols);
            var biasIh = _network.Tensor(_biasIh);
            var biasHh = _network.Tensor(_biasHh);
            bool gru = _network.Shape.Kind == CellKind.Gru;
            for (int g = 0; g < _stepBias.Length; g++)
            {
                _stepBias[g] = gru ? biasIh[g] : biasIh[g] + biasHh[g];
            }
        }
    }
}
