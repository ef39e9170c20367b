using System.Buffers;
using System.Text.Json;

namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Writes one JSON object per event and a newline (JSON Lines), flushed at once so that a reader tailing the stream sees it:
/// <c>{"event":"raised","time":"2026-11-22T05:01:02.345+00:00","sample":1234,"score":0.9991,"channels":[{"index":0,"name":"vibration","contribution":41.2}]}</c>;
/// a change point adds its direction after the event: <c>{"event":"change_point","direction":"up","time":…}</c>.
/// Written by hand with <see cref="Utf8JsonWriter"/> (no reflection, AOT-safe).
/// </summary>
internal sealed class JsonLinesAlarmSink : IAlarmSink
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private readonly Utf8JsonWriter _json;
    private bool _disposed;

    /// <summary>Creates a sink writing to a stream.</summary>
    /// <param name="stream">A writable stream (standard output, a file).</param>
    /// <param name="ownsStream">Whether disposing the sink disposes the stream.</param>
    public JsonLinesAlarmSink(Stream stream, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = ownsStream;
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Opens (or creates) a file and appends events to it.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The sink, owning the file.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    public static JsonLinesAlarmSink OpenFile(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        return new JsonLinesAlarmSink(stream, ownsStream: true);
    }

    /// <summary>Writes the JSON object of an event (no newline) to a buffer.</summary>
    /// <param name="json">The writer.</param>
    /// <param name="alarm">The event.</param>
    public static void Write(Utf8JsonWriter json, in AlarmEvent alarm)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("event", alarm.Kind.WireName());
        if (alarm.Kind == AlarmKind.ChangePoint)
        {
            json.WriteString("direction", alarm.ChangePoint.WireName());
        }

        json.WriteString("time", alarm.Time);
        json.WriteNumber("sample", alarm.SampleIndex);
        WriteNumber(json, "score", alarm.Score);
        json.WriteStartArray("channels");
        for (int i = 0; i < alarm.Channels.Count; i++)
        {
            var channel = alarm.Channels[i];
            json.WriteStartObject();
            json.WriteNumber("index", channel.Channel);
            json.WriteString("name", channel.Name);
            WriteNumber(json, "contribution", channel.Contribution);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <inheritdoc/>
    public void OnEvent(in AlarmEvent alarm)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        Write(_json, alarm);
        _json.Flush();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        _stream.Write(_buffer.WrittenSpan);
        _stream.Flush();
    }

    /// <inheritdoc/>
    public void Flush()
    {
        if (!_disposed)
        {
            _stream.Flush();
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _json.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
        else
        {
            _stream.Flush();
        }
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
