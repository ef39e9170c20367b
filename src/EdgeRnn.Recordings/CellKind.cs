namespace EdgeRnn.Recordings;

/// <summary>What a cell holds when read as a number (<see cref="RecordingCells"/>).</summary>
public enum CellKind
{
    /// <summary>Nothing, or only spaces: a missing value.</summary>
    Empty,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary><c>NaN</c>, <c>inf</c>, <c>Infinity</c> (any case, signed), or a number beyond the type's range: a missing value.</summary>
    NonFinite,

    /// <summary>Anything else.</summary>
    Text,
}
