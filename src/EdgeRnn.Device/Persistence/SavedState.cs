namespace EdgeRnn.Device.Persistence;

/// <summary>One saved state: the recurrent state's bytes and what the device keeps beside them.</summary>
/// <param name="State">The bytes of <c>RnnState.SaveTo</c>.</param>
/// <param name="Sequence">The save's number, counting up from 1 across restarts.</param>
/// <param name="SampleIndex">How many samples the stream had processed when it was saved.</param>
/// <param name="SavedAt">When it was saved.</param>
/// <param name="Extra">A small free payload (e.g. detector counters), possibly empty.</param>
internal sealed record SavedState(ReadOnlyMemory<byte> State, long Sequence, long SampleIndex, DateTimeOffset SavedAt, ReadOnlyMemory<byte> Extra);
