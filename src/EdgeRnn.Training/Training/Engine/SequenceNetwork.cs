using EdgeRnn.Runtime.Model;
using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// The trainable network's parameters in one flat vector (see <see cref="ParameterLayout"/>) plus the transposed weight
/// copies and folded biases the batch-major kernels read. Call <see cref="Refresh"/> after changing <see cref="Parameters"/>.
/// </summary>
internal sealed class SequenceNetwork<T> : IRecurrentWeights<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T[][] _inputWeightsT;
    private readonly T[][] _recurrentWeightsT;
    private readonly T[][] _stepBias;
    private readonly T[] _headWeightT;

    public SequenceNetwork(ParameterLayout layout, T[]? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (parameters is not null && parameters.Length != layout.Count)
        {
            throw new ArgumentException($"Expected {layout.Count} parameters; found {parameters.Length}.", nameof(parameters));
        }

        Layout = layout;
        Parameters = parameters ?? new T[layout.Count];
        var shape = layout.Shape;
        _inputWeightsT = new T[shape.Units][];
        _recurrentWeightsT = new T[shape.Units][];
        _stepBias = new T[shape.Units][];
        for (int l = 0; l < shape.Units; l++)
        {
            _inputWeightsT[l] = new T[layout.WeightIh(l).Length];
            _recurrentWeightsT[l] = new T[layout.WeightHh(l).Length];
            _stepBias[l] = new T[shape.GateWidth];
        }

        _headWeightT = new T[layout.HeadWeight.Length];
        Refresh();
    }

    public ParameterLayout Layout { get; }

    public NetworkShape Shape => Layout.Shape;

    /// <summary>The flat parameter vector (PyTorch layouts).</summary>
    public T[] Parameters { get; }

    /// <summary>W_ihᵀ of layer <paramref name="layer"/>, [in, G·H].</summary>
    public ReadOnlySpan<T> InputWeightsT(int layer) => _inputWeightsT[layer];

    /// <summary>W_hhᵀ of layer <paramref name="layer"/>, [H, G·H].</summary>
    public ReadOnlySpan<T> RecurrentWeightsT(int layer) => _recurrentWeightsT[layer];

    /// <summary>The bias added to the input projection: b_ih + b_hh, or b_ih alone for the GRU (whose b_hn sits inside r ⊙ (…)).</summary>
    public ReadOnlySpan<T> StepBias(int layer) => _stepBias[layer];

    /// <summary>W_headᵀ, [H or 2H, out].</summary>
    public ReadOnlySpan<T> HeadWeightT => _headWeightT;

    public ReadOnlySpan<T> Tensor(ParameterTensor tensor) => tensor.Of(Parameters);

    /// <summary>W_hh of unit <paramref name="unit"/> as stored, [G·H, H].</summary>
    public ReadOnlySpan<T> RecurrentWeights(int unit) => Tensor(Layout.WeightHh(unit));

    /// <summary>b_hh of unit <paramref name="unit"/>, [G·H].</summary>
    public ReadOnlySpan<T> RecurrentBias(int unit) => Tensor(Layout.BiasHh(unit));

    /// <summary>Recomputes the transposed copies and folded biases from <see cref="Parameters"/>.</summary>
    public void Refresh()
    {
        var shape = Shape;
        for (int l = 0; l < shape.Units; l++)
        {
            Transpose(Tensor(Layout.WeightIh(l)), _inputWeightsT[l], shape.GateWidth, shape.UnitInputSize(l));
            Transpose(Tensor(Layout.WeightHh(l)), _recurrentWeightsT[l], shape.GateWidth, shape.HiddenSize);
            var biasIh = Tensor(Layout.BiasIh(l));
            var biasHh = Tensor(Layout.BiasHh(l));
            for (int g = 0; g < shape.GateWidth; g++)
            {
                _stepBias[l][g] = shape.Kind == CellKind.Gru ? biasIh[g] : biasIh[g] + biasHh[g];
            }
        }

        Transpose(Tensor(Layout.HeadWeight), _headWeightT, shape.OutputSize, shape.LayerOutputSize);
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
}
