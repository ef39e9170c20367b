using EdgeRnn.Device.Framing;

namespace EdgeRnn.Device.Sources.Network;

/// <summary>Builds the parser of one connection or socket for a <see cref="FrameFormat"/>.</summary>
internal static class NetworkParsers
{
    /// <summary>A parser for <paramref name="format"/>, counting into <paramref name="counters"/>.</summary>
    /// <param name="format">The wire format.</param>
    /// <param name="options">The source settings (CSV settings, expected channels).</param>
    /// <param name="counters">The source's frame counters.</param>
    /// <returns>A new parser.</returns>
    public static IFrameParser Create(FrameFormat format, SourceOptions options, FrameCounters counters) => format switch
    {
        FrameFormat.Csv => new CsvLineParser(options.CsvWithChannels, counters),
        FrameFormat.Binary => new BinaryFrameParser(counters, options.ExpectedChannels, options.Capacity),
        _ => new AutoFrameParser(
            () => new CsvLineParser(options.CsvWithChannels, counters),
            () => new BinaryFrameParser(counters, options.ExpectedChannels, options.Capacity)),
    };
}
