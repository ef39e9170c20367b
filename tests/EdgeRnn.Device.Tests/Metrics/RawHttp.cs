using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>Raw HTTP over a socket: exact bytes out, everything the server sends until it closes back.</summary>
internal static class RawHttp
{
    public const string Scrape = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n";

    /// <summary>Sends <paramref name="request"/> and reads until the server closes; the text received.</summary>
    public static async Task<string> ExchangeAsync(IPEndPoint server, string request, CancellationToken token = default) =>
        Encoding.UTF8.GetString(await ExchangeAsync(server, Encoding.ASCII.GetBytes(request), false, token));

    /// <summary>
    /// Sends <paramref name="request"/> (then ends the sending side when <paramref name="halfClose"/>) and reads until the
    /// server closes or resets; the bytes received.
    /// </summary>
    public static async Task<byte[]> ExchangeAsync(IPEndPoint server, byte[] request, bool halfClose = false, CancellationToken token = default)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server, token);
        var sending = SendIgnoringResetAsync(client, request, halfClose, token);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await client.ReceiveAsync(buffer, SocketFlags.None, token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Closed with data unread: what was received before the reset is the answer.
        }

        await sending;
        return received.ToArray();
    }

    /// <summary>A scrape that must be answered with 200 within <paramref name="deadline"/> (connect included); its time.</summary>
    public static async Task<TimeSpan> ScrapeWithinAsync(IPEndPoint server, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        var clock = Stopwatch.StartNew();
        string response;
        try
        {
            response = await ExchangeAsync(server, Scrape, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"Expected the scrape to be answered within {deadline.TotalSeconds} s; it was not.");
        }

        Assert.StartsWith("HTTP/1.1 200 OK\r\n", response, StringComparison.Ordinal);
        Exposition.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]);
        return clock.Elapsed;
    }

    private static async Task SendIgnoringResetAsync(Socket client, byte[] data, bool halfClose, CancellationToken token)
    {
        try
        {
            int sent = 0;
            while (sent < data.Length)
            {
                sent += await client.SendAsync(data.AsMemory(sent), SocketFlags.None, token);
            }

            if (halfClose)
            {
                client.Shutdown(SocketShutdown.Send);
            }
        }
        catch (SocketException)
        {
            // The server may stop reading once it has answered.
        }
    }
}
