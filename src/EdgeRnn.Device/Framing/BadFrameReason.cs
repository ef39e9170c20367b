namespace EdgeRnn.Device.Framing;

/// <summary>Why a line or frame was rejected. Each reason has its own counter in <see cref="FrameCounters"/>.</summary>
internal enum BadFrameReason
{
    /// <summary>A CSV line with a different number of fields than the header or the first data line.</summary>
    WrongFieldCount,

    /// <summary>A CSV field that is neither a number, empty, NaN nor an infinity.</summary>
    NotANumber,

    /// <summary>A CSV line longer than the configured maximum; skipped up to the next newline.</summary>
    LineTooLong,

    /// <summary>A timestamp field that is neither Unix seconds nor ISO 8601 (as the source decided).</summary>
    BadTimestamp,

    /// <summary>Bytes that are not the start of a binary frame, skipped while looking for the next magic (one count per run).</summary>
    Garbage,

    /// <summary>A binary frame with a version this parser does not read.</summary>
    UnsupportedVersion,

    /// <summary>A binary frame declaring 0 channels or more than the cap.</summary>
    BadChannelCount,

    /// <summary>A well-formed frame or line whose channel count differs from the source's.</summary>
    ChannelCountMismatch,

    /// <summary>A binary frame whose CRC-32 does not match its header and values.</summary>
    CrcMismatch,

    /// <summary>A binary frame cut short by the end of the stream or datagram.</summary>
    Truncated,
}
