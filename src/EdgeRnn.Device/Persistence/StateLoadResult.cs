namespace EdgeRnn.Device.Persistence;

/// <summary>Which file a state was restored from.</summary>
internal enum StateSource
{
    /// <summary>No valid state was found: the stream starts fresh.</summary>
    None,

    /// <summary>The current state file.</summary>
    Current,

    /// <summary>The previous state file (<c>&lt;name&gt;.prev</c>), because the current one was missing or rejected.</summary>
    Previous,
}

/// <summary>The outcome of <see cref="StateStore.Load"/>.</summary>
/// <param name="Source">Which file was used.</param>
/// <param name="Saved">The saved state that was restored, or null when none.</param>
/// <param name="Rejections">Why each file that was tried was not used (missing, corrupt, another model), in order tried.</param>
internal sealed record StateLoadResult(StateSource Source, SavedState? Saved, IReadOnlyList<string> Rejections);
