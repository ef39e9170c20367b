namespace EdgeRnn.Device.Alarms;

/// <summary>How much one input channel drove the prediction error of a sample.</summary>
/// <param name="Channel">The input channel index, 0-based.</param>
/// <param name="Name">The channel's name from the model (or "ch&lt;index&gt;" when unnamed).</param>
/// <param name="Contribution">((x − ŷ)/σ)² of that channel, ≥ 0.</param>
internal readonly record struct ChannelContribution(int Channel, string Name, float Contribution);
