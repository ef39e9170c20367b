using System.Globalization;
using System.Net;

namespace EdgeRnn.Device.Metrics;

/// <summary>
/// Parses <c>--metrics</c>: <c>host:port</c>, <c>[ipv6]:port</c>, or just <c>port</c> / <c>:port</c> for 127.0.0.1.
/// The host is an IP address or <c>localhost</c>. Binding rule: a loopback address is always allowed, and so is a specific
/// address of this machine (naming it is an explicit choice to publish on that interface); the wildcard addresses
/// (<c>0.0.0.0</c>, <c>[::]</c>, every interface) are refused unless <c>--metrics-public</c> is given.
/// </summary>
internal static class MetricsEndpoint
{
    /// <summary>The default endpoint, 127.0.0.1:9108.</summary>
    public static IPEndPoint Default { get; } = new(IPAddress.Loopback, 9108);

    /// <summary>Parses an endpoint and applies the binding rule.</summary>
    /// <param name="text">The <c>--metrics</c> value.</param>
    /// <param name="allowPublic">Whether <c>--metrics-public</c> was given (allows wildcard addresses).</param>
    /// <returns>The endpoint to bind.</returns>
    /// <exception cref="FormatException">The value is not host:port with an IP address (or localhost) and a port in [0, 65535], or it is a wildcard address without <paramref name="allowPublic"/>.</exception>
    public static IPEndPoint Parse(string text, bool allowPublic)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Expected = "Expected --metrics <ip>:<port>, [<ipv6>]:<port>, localhost:<port> or <port>";
        string host;
        string port;
        int colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            host = string.Empty;
            port = text;
        }
        else
        {
            host = text[..colon];
            port = text[(colon + 1)..];
        }

        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > IPEndPoint.MaxPort)
        {
            throw new FormatException($"{Expected}; found port '{port}' in '{text}'.");
        }

        IPAddress address;
        if (host.Length == 0 || host == "localhost")
        {
            address = IPAddress.Loopback;
        }
        else
        {
            string literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
            bool bracketsRight = host.StartsWith('[') == host.EndsWith(']') && (literal.Contains(':', StringComparison.Ordinal) == host.StartsWith('['));
            if (!bracketsRight || !IPAddress.TryParse(literal, out var parsed))
            {
                throw new FormatException($"{Expected}; found host '{host}' in '{text}' (an IPv6 address goes in brackets).");
            }

            address = parsed;
        }

        if (IsWildcard(address) && !allowPublic)
        {
            throw new FormatException($"Expected a loopback or specific address for --metrics; found the wildcard '{host}', which publishes the metrics on every interface: add --metrics-public to allow it.");
        }

        return new IPEndPoint(address, number);
    }

    private static bool IsWildcard(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
