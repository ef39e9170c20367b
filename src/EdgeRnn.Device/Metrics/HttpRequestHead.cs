using System.Text;

namespace EdgeRnn.Device.Metrics;

/// <summary>The request line of a minimal HTTP/1.x request: method, path (query removed) and whether it parsed.</summary>
/// <param name="Method">The method, e.g. GET.</param>
/// <param name="Path">The path, without the query string.</param>
internal readonly record struct HttpRequestHead(string Method, string Path)
{
    /// <summary>The end of a request head.</summary>
    public static ReadOnlySpan<byte> Terminator => "\r\n\r\n"u8;

    /// <summary>Parses the first line of a request head.</summary>
    /// <param name="head">The bytes up to and including the blank line.</param>
    /// <param name="request">The request line when it parsed.</param>
    /// <returns>Whether the line was <c>METHOD SP target SP HTTP/1.x</c> with an origin-form target.</returns>
    public static bool TryParse(ReadOnlySpan<byte> head, out HttpRequestHead request)
    {
        request = default;
        int end = head.IndexOf("\r\n"u8);
        if (end <= 0)
        {
            return false;
        }

        var line = head[..end];
        int first = line.IndexOf((byte)' ');
        int last = line.LastIndexOf((byte)' ');
        if (first <= 0 || last <= first + 1)
        {
            return false;
        }

        var method = line[..first];
        var target = line[(first + 1)..last];
        var version = line[(last + 1)..];
        if (!version.StartsWith("HTTP/1."u8) || version.Length != 8 || target[0] != (byte)'/' || target.IndexOf((byte)' ') >= 0)
        {
            return false;
        }

        foreach (byte b in method)
        {
            if (b is < (byte)'A' or > (byte)'Z')
            {
                return false;
            }
        }

        int query = target.IndexOf((byte)'?');
        var path = query >= 0 ? target[..query] : target;
        request = new HttpRequestHead(Encoding.ASCII.GetString(method), Encoding.ASCII.GetString(path));
        return true;
    }
}
