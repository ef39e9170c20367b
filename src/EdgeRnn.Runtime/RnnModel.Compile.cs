using EdgeRnn.Runtime.Cells;
using EdgeRnn.Runtime.Kernels;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime;

public sealed partial class RnnModel
{
    private uint? _checksum;

    private RnnModel(ModelDefinition definition, uint? checksum)
    {
        Definition = definition;
        _checksum = checksum;
        Layers = definition.Layers.Select(l => new CompiledLayer(l)).ToArray();
        Head = new CompiledHead(definition.Head, definition.OutputNormalization);
        FusedHead = Layers[^1].IsFloatLstm ? Head.SingleRow : null;
        InputMean = definition.InputNormalization.Mean.ToArray();
        InputStd = definition.InputNormalization.Std.ToArray();
    }

    internal CompiledLayer[] Layers { get; }

    internal CompiledHead Head { get; }

    /// <summary>The one-output head a single step computes inside the last layer's kernel (float LSTM, float head of one output), or null.</summary>
    internal DenseRow? FusedHead { get; }

    internal float[] InputMean { get; }

    internal float[] InputStd { get; }

    /// <summary>Creates a fresh state (all zero) for one stream of this model.</summary>
    /// <returns>A state that only this model can step.</returns>
    public RnnState CreateState() => new(this);

    /// <summary>Creates a batch of <paramref name="streams"/> independent streams stepped together.</summary>
    /// <param name="streams">The number of streams, ≥ 1.</param>
    /// <returns>The batch, all states zero.</returns>
    public RnnBatch CreateBatch(int streams) => new(this, streams);
}
