namespace EdgeRnn.Device.Framing;

/// <summary>How the first CSV column is read.</summary>
internal enum CsvTimestamp
{
    /// <summary>Decided from the data: a header column named time/timestamp/ts/date/datetime/epoch/unix (Unix seconds or
    /// ISO 8601 by its first value), or, without a header, a first field that is an ISO 8601 date.</summary>
    Auto,

    /// <summary>No timestamp column: every column except a label column is a channel.</summary>
    None,

    /// <summary>The first column holds seconds since the Unix epoch (fractions allowed).</summary>
    UnixSeconds,

    /// <summary>The first column holds ISO 8601 date-times (UTC when no offset is given).</summary>
    Iso8601,
}

/// <summary>Settings of a <see cref="CsvLineParser"/>.</summary>
internal sealed record CsvOptions
{
    /// <summary>The default longest accepted line, in bytes (without the newline).</summary>
    public const int DefaultMaxLineLength = 4096;

    /// <summary>The field separator: ',' or ';', or 0 to detect it from the first line (';' if it has one, else ',').
    /// With ';' a decimal comma is accepted too ("1,5").</summary>
    public byte Separator { get; init; }

    /// <summary>How the first column is read.</summary>
    public CsvTimestamp Timestamp { get; init; } = CsvTimestamp.Auto;

    /// <summary>The required channel count, or 0 to take it from the header or the first data line.</summary>
    public int ExpectedChannels { get; init; }

    /// <summary>The longest accepted line in bytes, 16..1 MiB; longer lines are counted and skipped.</summary>
    public int MaxLineLength { get; init; } = DefaultMaxLineLength;
}
