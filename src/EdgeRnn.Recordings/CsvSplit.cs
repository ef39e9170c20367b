namespace EdgeRnn.Recordings;

/// <summary>What one call of <see cref="CsvRecordSplitter.TryRead"/> found.</summary>
public enum CsvSplit
{
    /// <summary>No whole record: more bytes are needed or, when the input is complete, none are left.</summary>
    NeedMore,

    /// <summary>A record.</summary>
    Record,

    /// <summary>A record longer than the limit began: <see cref="CsvRecordSplitter.SkippedBytes"/> of it were dropped,
    /// and the rest is dropped up to the end of its line.</summary>
    TooLong,

    /// <summary>More of a too-long record was dropped (<see cref="CsvRecordSplitter.SkippedBytes"/>).</summary>
    Skipped,
}
