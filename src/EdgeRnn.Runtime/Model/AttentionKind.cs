namespace EdgeRnn.Runtime.Model;

/// <summary>
/// How a <see cref="SequenceDecoder"/> attends to the encoder's outputs E[1..T] (the top layer's h after every step) after
/// each decoder step, in Luong et al.'s placement: a = softmax(score), context = Σ a[s] E[s], z = tanh(W_c [context; d]),
/// and the head reads z instead of the decoder's h, d.
/// </summary>
public enum AttentionKind
{
    /// <summary>No attention: the head reads the decoder's top-layer h.</summary>
    None = 0,

    /// <summary>Luong's dot score, score[s] = d · E[s].</summary>
    Dot = 1,

    /// <summary>Luong's general score, score[s] = d · (W_a E[s]).</summary>
    General = 2,

    /// <summary>Bahdanau's additive score, score[s] = v · tanh(W_k E[s] + W_q d).</summary>
    Additive = 3,
}
