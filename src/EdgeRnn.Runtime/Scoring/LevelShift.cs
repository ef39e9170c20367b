namespace EdgeRnn.Runtime.Scoring;

/// <summary>What <see cref="LevelShiftDetector"/> found at a row.</summary>
internal enum LevelShift
{
    /// <summary>No change point at this row.</summary>
    None,

    /// <summary>The recent level rose to at least the ratio times the reference level.</summary>
    Up,

    /// <summary>The recent level fell to at most the reference level divided by the ratio.</summary>
    Down,
}
