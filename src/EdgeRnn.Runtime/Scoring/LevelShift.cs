namespace EdgeRnn.Runtime;

/// <summary>A change point of the prediction error's level: whether, at a sample, the recent error shifted up or down against the error before it.</summary>
public enum LevelShift
{
    /// <summary>No change point at this row.</summary>
    None,

    /// <summary>The recent level rose to at least the ratio times the reference level.</summary>
    Up,

    /// <summary>The recent level fell to at most the reference level divided by the ratio.</summary>
    Down,
}
