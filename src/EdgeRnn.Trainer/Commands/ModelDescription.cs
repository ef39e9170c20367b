using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Trainer.Commands;

/// <summary>Short human-readable facts about a model, shared by the commands that print them.</summary>
internal static class ModelDescription
{
    /// <summary>One line such as <c>LSTM 8 → 64 → 64, head 64 → 8</c>.</summary>
    /// <param name="definition">The model.</param>
    /// <returns>The text.</returns>
    public static string Architecture(ModelDefinition definition)
    {
        var kinds = definition.Layers.Select(l => KindName(l.Kind)).Distinct();
        var widths = definition.Layers.Select(l => l.IsBidirectional ? $"2×{l.HiddenSize.ToString(CultureInfo.InvariantCulture)} (bidirectional)" : l.HiddenSize.ToString(CultureInfo.InvariantCulture)).Prepend(definition.InputSize.ToString(CultureInfo.InvariantCulture));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{string.Join("/", kinds)} {string.Join(" → ", widths)}, head {definition.Head.InputSize} → {definition.OutputSize}{(definition.Decoder is { } d ? Decoder(d) : string.Empty)}");
    }

    /// <summary>The decoder's part of <see cref="Architecture"/>, e.g. <c>; decoder 2 layers × 10 steps from the last targets, additive attention (8)</c>.</summary>
    private static string Decoder(SequenceDecoder decoder) => string.Create(
        CultureInfo.InvariantCulture,
        $"; decoder {decoder.Layers.Count} layer{(decoder.Layers.Count == 1 ? string.Empty : "s")} × {decoder.Horizon} step{(decoder.Horizon == 1 ? string.Empty : "s")} from {(decoder.Start == DecoderStart.Zeros ? "zeros" : "the last targets")}, {(decoder.Attention == AttentionKind.None ? "no attention" : decoder.Attention.ToString().ToLowerInvariant() + " attention")}{(decoder.Attention == AttentionKind.Additive ? $" ({decoder.AttentionSize})" : string.Empty)}");

    /// <summary>The decoder's attention matrices with PyTorch's names (W_a, W_k, W_q, W_c), those the kind has.</summary>
    /// <param name="decoder">The decoder.</param>
    /// <returns>Name and matrix pairs.</returns>
    public static IEnumerable<(string Name, WeightMatrix Matrix)> AttentionMatrices(SequenceDecoder decoder) =>
        new[] { ("attention.general.weight", decoder.General), ("attention.memory.weight", decoder.Memory), ("attention.query.weight", decoder.Query), ("attention.combine.weight", decoder.Combine) }
            .Where(p => p.Item2 is not null).Select(p => (p.Item1, p.Item2!));

    /// <summary>The name of a cell kind as a user knows it.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>RNN (tanh), RNN (relu), LSTM or GRU.</returns>
    public static string KindName(CellKind kind) => kind switch
    {
        CellKind.RnnTanh => "RNN (tanh)",
        CellKind.RnnRelu => "RNN (relu)",
        CellKind.Lstm => "LSTM",
        CellKind.Gru => "GRU",
        _ => kind.ToString(),
    };

    /// <summary>The number of trainable values in a layer: weights and both biases.</summary>
    /// <param name="layer">The layer.</param>
    /// <returns>The count.</returns>
    public static long ParameterCount(RecurrentLayer layer) =>
        ((long)layer.WeightIh.Rows * layer.WeightIh.Cols) + ((long)layer.WeightHh.Rows * layer.WeightHh.Cols) + layer.BiasIh.Length + layer.BiasHh.Length
        + (layer.Reverse is { } reverse ? ParameterCount(reverse) : 0);

    /// <summary>The number of trainable values in the head.</summary>
    /// <param name="head">The head.</param>
    /// <returns>The count.</returns>
    public static long ParameterCount(DenseLayer head) => ((long)head.OutputSize * head.InputSize) + head.Bias.Length;

    /// <summary>The number of trainable values in the model.</summary>
    /// <param name="definition">The model.</param>
    /// <returns>The count.</returns>
    public static long ParameterCount(ModelDefinition definition) =>
        definition.Layers.Sum(ParameterCount) + ParameterCount(definition.Head) + (definition.Decoder is { } d ? ParameterCount(d) : 0);

    /// <summary>The number of trainable values in a decoder: its layers, attention matrices and v.</summary>
    /// <param name="decoder">The decoder.</param>
    /// <returns>The count.</returns>
    public static long ParameterCount(SequenceDecoder decoder) =>
        decoder.Layers.Sum(ParameterCount) + AttentionMatrices(decoder).Sum(p => (long)p.Matrix.Rows * p.Matrix.Cols) + decoder.Score.Length;

    /// <summary>"int8" or "float32".</summary>
    /// <param name="matrix">A weight matrix.</param>
    /// <returns>The storage name.</returns>
    public static string Storage(WeightMatrix matrix) => matrix.IsQuantized ? "int8" : "float32";

    /// <summary>The storage of the whole model: float32, int8, or mixed.</summary>
    /// <param name="definition">The model.</param>
    /// <returns>The storage name.</returns>
    public static string Storage(ModelDefinition definition)
    {
        var layers = definition.Decoder is { } d ? definition.Layers.Concat(d.Layers) : definition.Layers;
        var storages = layers.SelectMany(l => new[] { l.WeightIh, l.WeightHh }).Append(definition.Head.Weight)
            .Concat(definition.Decoder is { } decoder ? AttentionMatrices(decoder).Select(p => p.Matrix) : [])
            .Select(Storage).Distinct().ToList();
        return storages.Count == 1 ? storages[0] : "mixed float32/int8";
    }
}
