namespace EdgeRnn.Device.Framing;

/// <summary>Whether a CSV source may have a timestamp column.</summary>
internal enum CsvTimestamp
{
    /// <summary>Found as every recording reader finds it (<c>EdgeRnn.Recordings.RecordingLayout</c>): a header column
    /// named time, timestamp, datetime, ... or, without a header, a first column of ISO 8601 timestamps.</summary>
    Auto,

    /// <summary>No timestamp column: every column except a label column is a channel.</summary>
    None,
}

/// <summary>Settings of a <see cref="CsvLineParser"/>.</summary>
internal sealed record CsvOptions
{
    /// <summary>The default longest accepted line, in bytes (without the newline).</summary>
    public const int DefaultMaxLineLength = 4096;

    /// <summary>The field separator: ',', ';' or '\t', or 0 to detect it from the first line by the recordings' one rule
    /// (<c>EdgeRnn.Recordings.CsvDialect.Detect</c>). With ';' or a tab a decimal comma is accepted too ("1,5").</summary>
    public byte Separator { get; init; }

    /// <summary>Whether there may be a timestamp column.</summary>
    public CsvTimestamp Timestamp { get; init; } = CsvTimestamp.Auto;

    /// <summary>The required channel count, or 0 to take it from the header or the first data line.</summary>
    public int ExpectedChannels { get; init; }

    /// <summary>The longest accepted line in bytes, 16..1 MiB; longer lines are counted and skipped.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;
}
