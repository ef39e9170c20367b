using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace EdgeRnn.Device.Tests.Alarms.Mqtt;

/// <summary>
/// Debian's mosquitto broker, started by a test on 127.0.0.1 at a free port with its own configuration and persistence in a
/// temporary folder (so a stop and a start keep retained messages and persistent sessions, as a broker restart does).
/// </summary>
internal sealed class Mosquitto : IDisposable
{
    private readonly string _directory;
    private readonly string _config;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private Mosquitto(string directory, int port)
    {
        _directory = directory;
        Port = port;
        _config = Path.Combine(directory, "mosquitto.conf");
        File.WriteAllText(_config, string.Create(CultureInfo.InvariantCulture, $"""
            listener {port} 127.0.0.1
            allow_anonymous true
            persistence true
            persistence_location {directory}/
            log_dest stdout
            log_type error
            log_type warning
            log_type notice
            """));
    }

    /// <summary>The broker program, or null when it is not installed.</summary>
    public static string? Binary { get; } = Find();

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>What it logged.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a broker and waits until it accepts connections.</summary>
    public static async Task<Mosquitto> StartAsync()
    {
        Assert.NotNull(Binary);
        string directory = Directory.CreateTempSubdirectory("edgernn-mosquitto-").FullName;
        // Started as root, mosquitto runs as the user 'mosquitto', which must be able to write its persistence file here.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0x1FF);
        }
        var broker = new Mosquitto(directory, FreePort());
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>A TCP port nothing listens on now.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Starts the broker (again) on the same port and configuration.</summary>
    public async Task StartAgainAsync()
    {
        Assert.True(_process is null || _process.HasExited, "the broker is already running");
        _process?.Dispose();
        var info = new ProcessStartInfo(Binary!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(_config);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until && !_process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                Assert.Fail($"Expected mosquitto to listen on 127.0.0.1:{Port} within 20 s; it did not. Its log:\n{Log}");
            }
        }
    }

    /// <summary>Stops the broker as a service stop does (SIGTERM: it saves its persistence file and exits).</summary>
    public async Task StopAsync()
    {
        Assert.NotNull(_process);
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await _process.WaitForExitAsync(limit.Token);
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static string? Find()
    {
        string[] folders = [.. (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries), "/usr/sbin", "/usr/local/sbin"];
        return folders.Select(folder => Path.Combine(folder, "mosquitto")).FirstOrDefault(File.Exists);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.AppendLine(line);
            }
        }
    }
}

/// <summary>A fact that needs Debian's mosquitto broker (<c>apt-get install mosquitto</c>; .ci/run installs it); skipped
/// with that reason when the program is not found on PATH or in /usr/sbin.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Mosquitto.Binary is null)
        {
            Skip = "needs Debian's mosquitto broker (apt-get install mosquitto): no 'mosquitto' on PATH or in /usr/sbin";
        }
    }
}
