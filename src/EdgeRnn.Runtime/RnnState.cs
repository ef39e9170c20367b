namespace EdgeRnn.Runtime;

/// <summary>
/// The recurrent state of one stream (h, and c for LSTM layers, plus the last valid input), preallocated for one model.
/// Not thread-safe: one stream, one thread at a time. Many states share one <see cref="RnnModel"/>.
/// </summary>
public sealed partial class RnnState
{
    /// <summary>The model this state belongs to.</summary>
    public RnnModel Model { get; }

    internal RnnState(RnnModel model)
    {
        Model = model;
    }
}
