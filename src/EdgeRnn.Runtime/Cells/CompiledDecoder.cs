using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Cells;

/// <summary>
/// A <see cref="SequenceDecoder"/> compiled for this machine: its layers as <see cref="CompiledLayer"/>s, the attention
/// matrices packed for the float or int8 kernels, and what the first step reads.
/// </summary>
internal sealed class CompiledDecoder
{
    public CompiledDecoder(SequenceDecoder decoder, ModelDefinition definition)
    {
        Horizon = decoder.Horizon;
        Start = decoder.Start;
        Attention = decoder.Attention;
        HiddenSize = decoder.Layers[0].HiddenSize;
        Layers = decoder.Layers.Select(l => new CompiledLayer(l)).ToArray();
        General = decoder.General is null ? null : new CompiledMatrix(decoder.General);
        Memory = decoder.Memory is null ? null : new CompiledMatrix(decoder.Memory);
        Query = decoder.Query is null ? null : new CompiledMatrix(decoder.Query);
        Combine = decoder.Combine is null ? null : new CompiledMatrix(decoder.Combine);
        Score = decoder.Score.ToArray();
        AttentionSize = decoder.AttentionSize;
        var keys = General ?? Memory;
        KeyWidth = keys?.Rows ?? 0;
        KeyStride = keys?.PaddedRows ?? 0;
        var matrices = new[] { General, Memory, Query, Combine }.OfType<CompiledMatrix>().ToArray();
        Zeros = new float[matrices.Length == 0 ? 0 : matrices.Max(m => m.PaddedRows)];
        QuantizedLength = Math.Max(Layers.Max(l => l.QuantizedLength), matrices.Length == 0 ? 0 : matrices.Max(m => m.IsQuantized ? m.PaddedCols : 0));
        int outputs = definition.OutputSize;
        var targets = definition.Metadata.TargetChannels;
        StartChannels = targets.Count == outputs ? targets.ToArray() : Enumerable.Range(0, outputs).ToArray();
        OutputMean = definition.OutputNormalization.Mean.ToArray();
        OutputStd = definition.OutputNormalization.Std.ToArray();
    }

    public int Horizon { get; }

    public DecoderStart Start { get; }

    public AttentionKind Attention { get; }

    public int HiddenSize { get; }

    public CompiledLayer[] Layers { get; }

    /// <summary>W_a (General), or null.</summary>
    public CompiledMatrix? General { get; }

    /// <summary>W_k (Additive), or null.</summary>
    public CompiledMatrix? Memory { get; }

    /// <summary>W_q (Additive), or null.</summary>
    public CompiledMatrix? Query { get; }

    /// <summary>W_c (any attention), or null.</summary>
    public CompiledMatrix? Combine { get; }

    /// <summary>v (Additive), float32; empty otherwise.</summary>
    public float[] Score { get; }

    public int AttentionSize { get; }

    /// <summary>The width of a key W E[s] per encoder step: H for General, A for Additive, 0 otherwise.</summary>
    public int KeyWidth { get; }

    /// <summary>The padded rows a key occupies in the key buffer (the kernel writes whole units).</summary>
    public int KeyStride { get; }

    /// <summary>The zero bias of the attention products (no attention matrix has a bias), as long as the widest padded rows.</summary>
    public float[] Zeros { get; }

    /// <summary>The int8 scratch the decoder's layers and attention matrices need.</summary>
    public int QuantizedLength { get; }

    /// <summary>The input channel of each output read by <see cref="DecoderStart.LastTargets"/>.</summary>
    public int[] StartChannels { get; }

    public float[] OutputMean { get; }

    public float[] OutputStd { get; }
}
