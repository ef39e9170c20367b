using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Commands;
using EdgeRnn.Device.Metrics;
using EdgeRnn.Device.Pipeline;
using EdgeRnn.Device.Streaming;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Benchmarks;

/// <summary>
/// Sustained throughput of the board's whole per-sample path with the bundled model (models/pump/pump-lstm.ernn, int8):
/// a source (the bundled 12,000-row recording replayed as fast as possible from a file; the same rows sent by a TCP client
/// over loopback) → parse → channel map → normalise, step, score → alarm decision → JSON-lines and metrics sinks.
/// One operation is one sample (OperationsPerInvoke), so the Mean column is time per sample and Allocated is bytes per
/// sample. Run: <c>dotnet run -c Release --project tests/EdgeRnn.Benchmarks -- --filter '*PipelineBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private const int Samples = 12_000;
    private RnnModel _model = null!;
    private byte[] _tcpLines = [];
    private ISampleSource _csv = null!;
    private SamplePipeline _csvPipeline = null!;
    private TcpSampleSource _tcp = null!;
    private TcpClient _client = null!;
    private SamplePipeline _tcpPipeline = null!;
    private long _tcpTarget;

    [GlobalSetup]
    public void Setup()
    {
        _model = RnnModel.Load(DemoCommand.ModelPath);
        var rows = File.ReadAllLines(DemoCommand.RecordingPath).Skip(1).Select(l => string.Join(',', l.Split(',')[1..4]));
        _tcpLines = Encoding.ASCII.GetBytes("vibration_rms,temperature,motor_current\n" + string.Join('\n', rows) + "\n");
        _tcp = (TcpSampleSource)SampleSources.OpenAsync(SourceSpec.Parse("tcp://127.0.0.1:0"), new SourceOptions { QueueCapacity = 2 * Samples }, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _client = new TcpClient();
        _client.Connect(_tcp.LocalEndPoint!);
        _tcpPipeline = Pipeline(_tcp);

        // The header line only once: later sends are data rows.
        _client.GetStream().Write(_tcpLines);
        _tcpLines = _tcpLines[(Array.IndexOf(_tcpLines, (byte)'\n') + 1)..];
        _tcpTarget = Samples;
        _tcpPipeline.RunAsync(_tcpTarget, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _tcp.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationSetup(Target = nameof(CsvFileToAlarm))]
    public void OpenRecording()
    {
        _csv = SampleSources.OpenAsync(SourceSpec.Parse("csv:" + DemoCommand.RecordingPath), new SourceOptions { Speed = 0 }, null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _csvPipeline = Pipeline(_csv);
        _csvPipeline.RunAsync(100, CancellationToken.None).GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(CsvFileToAlarm))]
    public void CloseRecording() => _csv.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>The bundled recording from a file, as fast as possible (100 rows read in the setup, the rest measured).</summary>
    [Benchmark(OperationsPerInvoke = Samples - 100)]
    public bool CsvFileToAlarm() => _csvPipeline.RunAsync(0, CancellationToken.None).GetAwaiter().GetResult();

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

    private SamplePipeline Pipeline(ISampleSource source)
    {
        var detector = new AnomalyDetector(_model);
        var metrics = new DeviceMetrics();
        var policy = new AlarmPolicy(new AlarmPolicyOptions(), detector.Scoring.Threshold);
        IAlarmSink[] sinks = [new JsonLinesAlarmSink(Stream.Null, ownsStream: false), new MetricsAlarmSink(metrics)];
        var monitor = AlarmMonitor.ForModel(_model, policy, new SensorFaultMonitor(_model.InputSize), sinks, TextWriter.Null);
        return new SamplePipeline(source, detector, monitor, metrics, saver: null, new KnownAnomalyTally(100));
    }
}
