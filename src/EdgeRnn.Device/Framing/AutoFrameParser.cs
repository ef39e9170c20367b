using System.Buffers;
using EdgeRnn.Device.Samples;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// Picks the format of a stream from its first byte: the binary magic 0xED starts binary frames, anything else CSV text.
/// One instance per connection; the choice holds for the connection's lifetime.
/// </summary>
internal sealed class AutoFrameParser : IFrameParser
{
    private readonly Func<IFrameParser> _createCsv;
    private readonly Func<IFrameParser> _createBinary;
    private IFrameParser? _chosen;

    /// <summary>Creates a parser that will build one of the two given parsers on the first byte.</summary>
    /// <param name="createCsv">Builds the CSV parser.</param>
    /// <param name="createBinary">Builds the binary frame parser.</param>
    public AutoFrameParser(Func<IFrameParser> createCsv, Func<IFrameParser> createBinary)
    {
        _createCsv = createCsv;
        _createBinary = createBinary;
    }

    /// <summary>The parser chosen, or null before the first byte.</summary>
    public IFrameParser? Chosen => _chosen;

    /// <inheritdoc/>
    public int ChannelCount => _chosen?.ChannelCount ?? 0;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _chosen?.ChannelNames ?? [];

    /// <inheritdoc/>
    public bool TryReadSample(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample)
    {
        if (_chosen is null)
        {
            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryPeek(out byte first))
            {
                return false;
            }

            _chosen = first == BinaryFrame.Magic0 ? _createBinary() : _createCsv();
        }

        return _chosen.TryReadSample(ref buffer, isCompleted, sample);
    }
}
