using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Scores;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Specs;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// Sustained throughput of the board's whole per-sample path with the bundled model (models/pump/pump.ernn, int8):
/// a source (the bundled 12,000-row recording read as fast as possible from its file, rewound at its end; the same rows sent by a TCP client
/// over loopback) → parse → channel map → normalise, step, score → alarm decision → JSON-lines and metrics sinks; and the
/// file path again with a <c>--scores</c> file (its writer thread formatting and writing each row to a temporary file).
/// One operation is one sample (OperationsPerInvoke), so the Mean column is time per sample and Allocated is bytes per
/// sample. Run: <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- --filter '*PipelineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks : IDisposable
{
    private const int Samples = 12_000;
    private RnnModel _model = null!;
    private byte[] _tcpLines = [];
    private StreamSampleSource _csv = null!;
    private long _csvTarget;
    private SamplePipeline _csvPipeline = null!;
    private TcpSampleSource _tcp = null!;
    private TcpClient _client = null!;
    private SamplePipeline _tcpPipeline = null!;
    private long _tcpTarget;
    private StreamSampleSource _scoredCsv = null!;
    private ScoresWriter _scores = null!;
    private string _scoresPath = "";
    private SamplePipeline _scoredPipeline = null!;
    private long _scoredTarget;

    [GlobalSetup]
    public void Setup()
    {
        _model = RnnModel.Load(DemoCommand.ModelPath);
        var rows = File.ReadAllLines(DemoCommand.RecordingPath).Skip(1).Select(l => string.Join(',', l.Split(',')[1..4]));
        _tcpLines = Encoding.ASCII.GetBytes("vibration_rms,temperature,motor_current\n" + string.Join('\n', rows) + "\n");
        _tcp = (TcpSampleSource)SampleSources.OpenAsync(SourceSpec.Parse("tcp://127.0.0.1:0"), new SourceOptions { QueueCapacity = 2 * Samples }, TextWriter.Null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _client = new TcpClient();
        _client.Connect(_tcp.LocalEndPoint!);
        _tcpPipeline = Pipeline(_tcp);

        // The header line only once: later sends are data rows.
        _client.GetStream().Write(_tcpLines);
        _tcpLines = _tcpLines[(Array.IndexOf(_tcpLines, (byte)'\n') + 1)..];
        _tcpTarget = Samples;
        _tcpPipeline.RunAsync(_tcpTarget, CancellationToken.None).GetAwaiter().GetResult();

        _csv = new StreamSampleSource("csv:" + DemoCommand.RecordingPath, () => new RewindingFile(DemoCommand.RecordingPath), replay: true, new SourceOptions { Speed = 0 });
        _csv.StartAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _csvPipeline = Pipeline(_csv);
        _csvTarget = Samples;
        _csvPipeline.RunAsync(_csvTarget, CancellationToken.None).GetAwaiter().GetResult();

        _scoredCsv = new StreamSampleSource("csv:" + DemoCommand.RecordingPath, () => new RewindingFile(DemoCommand.RecordingPath), replay: true, new SourceOptions { Speed = 0 });
        _scoredCsv.StartAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _scoresPath = Path.GetTempFileName();
        _scores = ScoresWriter.Open(_scoresPath, ScoresOverflow.Wait);
        _scoredPipeline = Pipeline(_scoredCsv, _scores);
        _scoredTarget = Samples;
        _scoredPipeline.RunAsync(_scoredTarget, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _csv.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _scoredCsv.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _scores.Dispose();
        File.Delete(_scoresPath);
    }

    public void Dispose()
    {
        _client?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The bundled recording read from its file as fast as possible, over and over (the file is rewound to its
    /// first data row at its end).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public bool CsvFileToAlarm()
    {
        _csvTarget += Samples;
        return _csvPipeline.RunAsync(_csvTarget, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="CsvFileToAlarm"/>, with a scores file: one row per sample handed to its writer's thread
    /// (which waits for the writer when it falls a whole ring behind, as a replay does).</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public bool CsvFileToAlarmWithScores()
    {
        _scoredTarget += Samples;
        return _scoredPipeline.RunAsync(_scoredTarget, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The same rows from a TCP client over loopback, written while the pipeline reads them.</summary>
    [Benchmark(OperationsPerInvoke = Samples)]
    public bool TcpClientToAlarm()
    {
        Task send = _client.GetStream().WriteAsync(_tcpLines).AsTask();
        _tcpTarget += Samples;
        bool done = _tcpPipeline.RunAsync(_tcpTarget, CancellationToken.None).GetAwaiter().GetResult();
        send.GetAwaiter().GetResult();
        return done;
    }

    private SamplePipeline Pipeline(ISampleSource source, ScoresWriter? scores = null)
    {
        var detector = new AnomalyDetector(_model);
        var metrics = new DeviceMetrics();
        var policy = new AlarmPolicy(new AlarmPolicyOptions(), detector.Scoring.Threshold);
        IAlarmSink[] sinks = [new JsonLinesAlarmSink(Stream.Null, ownsStream: false), new MetricsAlarmSink(metrics)];
        var monitor = AlarmMonitor.ForDetector(detector, policy, new SensorFaultMonitor(detector.SampleSize), sinks, TextWriter.Null);
        return new SamplePipeline(source, detector, monitor, metrics, saver: null, new KnownAnomalyTally(100), scores);
    }
}
