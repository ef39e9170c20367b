namespace EdgeRnn.Runtime.Model;

/// <summary>What a model was trained to do; decides how its outputs are read.</summary>
public enum ModelTask
{
    /// <summary>
    /// Predict the next step of the target channels (the default, for anomaly detection); with a
    /// <see cref="SequenceDecoder"/>, rows t + 1 to t + N.
    /// </summary>
    Forecast = 0,

    /// <summary>One label per sequence: the outputs after the last step are class logits.</summary>
    Classify = 1,

    /// <summary>One label per step: the outputs at every step are class logits.</summary>
    Label = 2,

    /// <summary>A character-level language model: inputs are one-hot characters, outputs are next-character logits.</summary>
    Text = 3,

    /// <summary>
    /// An autoencoder over windows (an encoder–decoder): output k reconstructs window row T + 1 − k of the target
    /// channels, the window reversed, so output 1 is the newest row.
    /// </summary>
    Reconstruct = 4,
}
