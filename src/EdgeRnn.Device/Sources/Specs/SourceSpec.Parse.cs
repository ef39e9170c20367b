using System.Globalization;
using System.Net;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Sensors;
using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Sources.Specs;

/// <summary>Parsing of the <c>--source</c> text.</summary>
internal abstract partial record SourceSpec
{
    private const string Expected =
        "expected csv:<path>, stdin, tcp://host:port, udp://host:port, sim:<profile>, i2c:<bus>:<address>:<driver> "
        + "or iio:<device>";

    /// <summary>Parses a source spec.</summary>
    /// <param name="text">The spec, e.g. "csv:data/pump.csv" or "tcp://127.0.0.1:9000?format=binary".</param>
    /// <returns>The spec object.</returns>
    /// <exception cref="FormatException">The text is not a valid spec; the message says what was expected and found.</exception>
    public static SourceSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string spec = text.Trim();
        if (spec.Equals("stdin", StringComparison.OrdinalIgnoreCase) || spec == "-")
        {
            return new StdinSourceSpec(spec);
        }

        if (spec.StartsWith("csv:", StringComparison.OrdinalIgnoreCase) && spec.Length > 4)
        {
            return new CsvFileSourceSpec(spec, spec[4..]);
        }

        if (spec.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase))
        {
            (IPEndPoint endPoint, FrameFormat format) = ParseNetwork(spec, "tcp");
            return new TcpSourceSpec(spec, endPoint, format);
        }

        if (spec.StartsWith("udp://", StringComparison.OrdinalIgnoreCase))
        {
            (IPEndPoint endPoint, FrameFormat format) = ParseNetwork(spec, "udp");
            return new UdpSourceSpec(spec, endPoint, format);
        }

        if (spec.StartsWith("sim:", StringComparison.OrdinalIgnoreCase) && spec.Length > 4)
        {
            return ParseSim(spec);
        }

        if (spec.StartsWith("i2c:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseI2c(spec);
        }

        if (spec.StartsWith("iio:", StringComparison.OrdinalIgnoreCase) && spec.Length > 4)
        {
            return new IioSourceSpec(spec, spec[4..]);
        }

        throw new FormatException($"Invalid source: {Expected}; found '{text}'.");
    }

    private static (IPEndPoint EndPoint, FrameFormat Format) ParseNetwork(string spec, string scheme)
    {
        string rest = spec[(scheme.Length + 3)..];
        (rest, Dictionary<string, string> query) = SplitQuery(rest, spec, "format");
        string address = rest.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" + rest[9..] : rest;
        if (!IPEndPoint.TryParse(address, out IPEndPoint? endPoint) || !address.Contains(':', StringComparison.Ordinal)
            || address.EndsWith(':') || address.EndsWith(']'))
        {
            throw new FormatException(
                $"Invalid source: expected {scheme}://<ip address>:<port 0-65535> (e.g. {scheme}://127.0.0.1:9000); "
                + $"found '{spec}'.");
        }

        FrameFormat format = FrameFormat.Auto;
        if (query.TryGetValue("format", out string? name)
            && (!Enum.TryParse(name, ignoreCase: true, out format) || !Enum.IsDefined(format) || char.IsDigit(name[0])))
        {
            throw new FormatException($"Invalid source: expected format=csv, binary or auto in '{spec}'; found '{name}'.");
        }

        return (endPoint, format);
    }

    private static SimSourceSpec ParseSim(string spec)
    {
        // The query comes back beside the text before it rather than through a ref parameter: with one, the NativeAOT
        // build compared the string from before the call (every sim:pump?... was refused there, never under the JIT).
        (string profile, Dictionary<string, string> query) = SplitQuery(spec[4..], spec, "seed", "rate", "count", "speed", "fault");
        if (!profile.Equals("pump", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Invalid source: expected the simulated profile 'pump' in '{spec}'; found '{profile}'.");
        }

        var settings = new PumpSettings();
        if (query.TryGetValue("seed", out string? seed))
        {
            settings = settings with { Seed = ParseNumber<ulong>(seed, "seed", "an integer 0 or more", spec) };
        }

        if (query.TryGetValue("rate", out string? rate))
        {
            double hertz = ParseNumber<double>(rate, "rate", "a rate in Hz above 0", spec);
            settings = hertz > 0 && double.IsFinite(hertz) ? settings with { Rate = hertz }
                : throw new FormatException($"Invalid source: expected rate above 0 Hz in '{spec}'; found '{rate}'.");
        }

        if (query.TryGetValue("count", out string? count))
        {
            settings = settings with { Count = ParseNumber<long>(count, "count", "a sample count 0 or more", spec) };
        }

        if (query.TryGetValue("speed", out string? speed))
        {
            settings = settings with { Speed = ParseSpeed(speed, spec) };
        }

        if (query.TryGetValue("fault", out string? faults))
        {
            settings = settings with { Faults = PumpFault.ParseList(faults) };
        }

        return new SimSourceSpec(spec, "pump", settings);
    }

    private static I2cSourceSpec ParseI2c(string spec)
    {
        string[] parts = spec.Split(':');
        const string Shape = "i2c:<bus>:<address>:<driver> such as i2c:1:0x68:mpu6050";
        if (parts.Length != 4)
        {
            throw new FormatException($"Invalid source: expected {Shape}; found '{spec}'.");
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int bus))
        {
            throw new FormatException($"Invalid source: expected a bus number in {Shape}; found '{parts[1]}' in '{spec}'.");
        }

        string addressText = parts[2];
        bool hex = addressText.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!int.TryParse(
                hex ? addressText[2..] : addressText,
                hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None,
                CultureInfo.InvariantCulture,
                out int address) || address is < 0x03 or > 0x77)
        {
            throw new FormatException(
                $"Invalid source: expected a 7-bit I2C address 0x03..0x77 (hex with 0x, or decimal) in '{spec}'; "
                + $"found '{addressText}'.");
        }

        string driver = parts[3].ToLowerInvariant();
        if (!SensorFactory.I2cDrivers.Contains(driver))
        {
            throw new FormatException(
                $"Invalid source: expected the driver {string.Join(" or ", SensorFactory.I2cDrivers)} in '{spec}'; found '{parts[3]}'.");
        }

        return new I2cSourceSpec(spec, bus, address, driver);
    }

    /// <summary>Parses a replay speed: a factor above 0 (10 = ten times real time), or "max" / 0 for as fast as possible.</summary>
    /// <param name="text">The text of a --speed option or a speed= parameter.</param>
    /// <returns>The factor, 0 meaning as fast as possible.</returns>
    /// <exception cref="FormatException">The text is neither a factor of 0 or more nor "max".</exception>
    public static double ParseSpeed(string text) => ParseSpeed(text, text);

    private static double ParseSpeed(string text, string spec)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Equals("max", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        double speed = ParseNumber<double>(text, "speed", "a factor above 0, or max", spec);
        return speed >= 0 && double.IsFinite(speed) ? speed
            : throw new FormatException($"Invalid source: expected speed above 0 or max in '{spec}'; found '{text}'.");
    }

    private static T ParseNumber<T>(string text, string name, string what, string spec)
        where T : ISpanParsable<T> =>
        T.TryParse(text, CultureInfo.InvariantCulture, out T? value)
            ? value
            : throw new FormatException($"Invalid source: expected {name} to be {what} in '{spec}'; found '{text}'.");

    private static (string Before, Dictionary<string, string> Query) SplitQuery(string rest, string spec, params string[] allowed)
    {
        var query = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int mark = rest.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0)
        {
            return (rest, query);
        }

        foreach (string pair in rest[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = equals < 0 ? pair : pair[..equals];
            if (equals < 0 || !allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                throw new FormatException(
                    $"Invalid source: expected parameters {string.Join(", ", allowed.Select(a => a + "=..."))} in '{spec}'; "
                    + $"found '{pair}'.");
            }

            string value = pair[(equals + 1)..];
            query[key] = query.TryGetValue(key, out string? earlier) && key.Equals("fault", StringComparison.OrdinalIgnoreCase)
                ? earlier + "," + value
                : value;
        }

        return (rest[..mark], query);
    }
}
