using System.Globalization;

namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>
/// One injected fault: <c>kind@start[+length][:channel]</c>, e.g. <c>spike@600</c>, <c>drift@1200+500:temperature</c>.
/// Start and length count sample indices; channel is an index or a name, all channels when omitted for dropout, noise, gap.
/// </summary>
/// <param name="Kind">The fault.</param>
/// <param name="Start">The first sample index it affects, 0 or more.</param>
/// <param name="Length">How many samples it lasts, 1 or more.</param>
/// <param name="Channel">The channel index, or -1 for all channels.</param>
internal readonly record struct PumpFault(PumpFaultKind Kind, long Start, long Length, int Channel)
{
    private const string Grammar = "kind@start[+length][:channel] with kind spike|drift|stuck|dropout|noise|gap";

    /// <summary>Whether the fault affects sample <paramref name="index"/>.</summary>
    /// <param name="index">A sample index.</param>
    /// <returns>True inside [Start, Start + Length).</returns>
    public bool Covers(long index) => index >= Start && index - Start < Length;

    /// <summary>Whether the fault affects <paramref name="channel"/>.</summary>
    /// <param name="channel">A channel index.</param>
    /// <returns>True for its channel, or any channel when it has none.</returns>
    public bool Affects(int channel) => Channel < 0 || Channel == channel;

    /// <summary>Parses a comma-separated list of faults.</summary>
    /// <param name="text">E.g. "spike@600,drift@1200+500:temperature"; empty for none.</param>
    /// <returns>The faults in order.</returns>
    /// <exception cref="FormatException">An item does not follow the grammar.</exception>
    public static PumpFault[] ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];
    }

    /// <summary>Parses one fault.</summary>
    /// <param name="text">E.g. "stuck@2000+200:motor_current".</param>
    /// <returns>The fault.</returns>
    /// <exception cref="FormatException">The text does not follow the grammar.</exception>
    public static PumpFault Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || !Enum.TryParse(text[..at], ignoreCase: true, out PumpFaultKind kind)
            || !Enum.IsDefined(kind) || char.IsDigit(text[0]))
        {
            throw Error(text);
        }

        string rest = text[(at + 1)..];
        int channel = DefaultChannel(kind);
        int colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            channel = PumpModel.ChannelIndex(rest[(colon + 1)..])
                ?? throw new FormatException(
                    $"Expected a pump channel (0-2, {string.Join('|', PumpModel.ChannelNames)}) in fault '{text}'; "
                    + $"found '{rest[(colon + 1)..]}'.");
            rest = rest[..colon];
        }

        long length = DefaultLength(kind);
        int plus = rest.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            if (!long.TryParse(rest[(plus + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out length) || length < 1)
            {
                throw Error(text);
            }

            rest = rest[..plus];
        }

        if (!long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out long start))
        {
            throw Error(text);
        }

        return new PumpFault(kind, start, length, channel);
    }

    /// <summary>The fault in its text form.</summary>
    /// <returns>E.g. "drift@1200+500:1".</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Kind.ToString().ToLowerInvariant()}@{Start}+{Length}{(Channel < 0 ? string.Empty : ":" + Channel)}");

    private static long DefaultLength(PumpFaultKind kind) => kind switch
    {
        PumpFaultKind.Spike => 3,
        PumpFaultKind.Drift => 1000,
        PumpFaultKind.Stuck => 300,
        PumpFaultKind.Dropout => 50,
        PumpFaultKind.Noise => 200,
        _ => 100,
    };

    private static int DefaultChannel(PumpFaultKind kind) => kind switch
    {
        PumpFaultKind.Spike => 0,
        PumpFaultKind.Drift => 1,
        PumpFaultKind.Stuck => 2,
        _ => -1,
    };

    private static FormatException Error(string text) => new($"Expected a fault as {Grammar}; found '{text}'.");
}
