using System.Net;
using System.Net.Sockets;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>
/// Many connections from one client that never finish a request (a slowloris): idle, or sending one byte of a request head
/// per second to each while <see cref="DripAsync"/> runs.
/// </summary>
internal sealed class LoiteringClients : IDisposable
{
    private static readonly byte[] Head = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n"u8.ToArray();
    private readonly Socket[] _sockets;
    private readonly Task[] _connects;

    private LoiteringClients(Socket[] sockets, Task[] connects)
    {
        _sockets = sockets;
        _connects = connects;
    }

    /// <summary>How many connections were established.</summary>
    public int Connected => _connects.Count(c => c.IsCompletedSuccessfully);

    /// <summary>How many established connections the server has since closed (or reset).</summary>
    public int ClosedByServer => _sockets.Where((s, i) => _connects[i].IsCompletedSuccessfully && IsClosed(s)).Count();

    /// <summary>Opens <paramref name="count"/> connections at once and waits up to <paramref name="patience"/> for them.</summary>
    public static async Task<LoiteringClients> ConnectAsync(IPEndPoint server, int count, TimeSpan patience)
    {
        var sockets = new Socket[count];
        var connects = new Task[count];
        for (int i = 0; i < count; i++)
        {
            sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            connects[i] = sockets[i].ConnectAsync(server);
        }

        var clients = new LoiteringClients(sockets, connects);
        await Task.WhenAny(Task.WhenAll(connects), Task.Delay(patience));
        return clients;
    }

    /// <summary>Sends every connected socket the next byte of a request head once a second until cancelled.</summary>
    public async Task DripAsync(CancellationToken token)
    {
        for (int i = 0; !token.IsCancellationRequested; i++)
        {
            byte[] next = [Head[i % Head.Length]];
            for (int s = 0; s < _sockets.Length; s++)
            {
                if (_connects[s].IsCompletedSuccessfully)
                {
                    try
                    {
                        _sockets[s].Send(next, SocketFlags.None);
                    }
                    catch (SocketException)
                    {
                        // Closed by the server (timed out or evicted).
                    }
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private static bool IsClosed(Socket socket)
    {
        try
        {
            return socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0;
        }
        catch (SocketException)
        {
            return true;
        }
    }
}
