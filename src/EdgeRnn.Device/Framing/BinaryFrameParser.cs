using System.Buffers;
using System.Buffers.Binary;
using EdgeRnn.Device.Samples;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// Reads <see cref="BinaryFrame"/>s. After anything bad (garbage, a wrong version or channel count, a CRC mismatch, a frame
/// cut short) it resynchronises by moving one byte past the bad frame's start and scanning for the next magic, so a valid
/// frame hidden behind a false magic is never lost. A frame is at most <see cref="BinaryFrame.GetLength"/> of the cap.
/// </summary>
internal sealed class BinaryFrameParser : IFrameParser
{
    private readonly FrameCounters _counters;
    private readonly int _maxChannels;
    private readonly byte[] _scratch;
    private string[] _names = [];
    private int _channelCount;
    private bool _resynchronising;

    /// <summary>Creates a parser.</summary>
    /// <param name="counters">Where good and bad frames are counted.</param>
    /// <param name="expectedChannels">The required channel count, or 0 to take it from the first valid frame.</param>
    /// <param name="maxChannels">The largest channel count accepted, 1..<see cref="BinaryFrame.MaxChannels"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of range.</exception>
    public BinaryFrameParser(FrameCounters counters, int expectedChannels = 0, int maxChannels = BinaryFrame.MaxChannels)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChannels, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxChannels, BinaryFrame.MaxChannels);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedChannels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expectedChannels, maxChannels);
        _counters = counters;
        _maxChannels = maxChannels;
        _scratch = new byte[BinaryFrame.GetLength(maxChannels)];
        if (expectedChannels > 0)
        {
            SetChannelCount(expectedChannels);
        }
    }

    /// <inheritdoc/>
    public int ChannelCount => _channelCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> ChannelNames => _names;

    /// <inheritdoc/>
    public bool TryReadSample(ref ReadOnlySequence<byte> buffer, bool isCompleted, SampleBuffer sample)
    {
        while (!buffer.IsEmpty)
        {
            if (!StartsWithMagic(buffer, out bool undecided))
            {
                if (undecided && !isCompleted)
                {
                    return false;
                }

                SkipToNextMagic(ref buffer);
                continue;
            }

            if (buffer.Length < BinaryFrame.HeaderSize)
            {
                if (!isCompleted)
                {
                    return false;
                }

                Reject(ref buffer, BadFrameReason.Truncated);
                continue;
            }

            Span<byte> header = stackalloc byte[BinaryFrame.HeaderSize];
            buffer.Slice(0, BinaryFrame.HeaderSize).CopyTo(header);
            int channels = BinaryPrimitives.ReadUInt16LittleEndian(header[3..]);
            if (header[2] != BinaryFrame.Version)
            {
                Reject(ref buffer, BadFrameReason.UnsupportedVersion);
                continue;
            }

            if (channels == 0 || channels > _maxChannels || channels > sample.Capacity)
            {
                Reject(ref buffer, BadFrameReason.BadChannelCount);
                continue;
            }

            int length = BinaryFrame.GetLength(channels);
            if (buffer.Length < length)
            {
                if (!isCompleted)
                {
                    return false;
                }

                Reject(ref buffer, BadFrameReason.Truncated);
                continue;
            }

            ReadOnlySequence<byte> frameSequence = buffer.Slice(0, length);
            ReadOnlySpan<byte> frame;
            if (frameSequence.FirstSpan.Length >= length)
            {
                frame = frameSequence.FirstSpan[..length];
            }
            else
            {
                frameSequence.CopyTo(_scratch);
                frame = _scratch.AsSpan(0, length);
            }

            int crcOffset = length - BinaryFrame.CrcSize;
            if (CheckedBlob.Crc32Of(frame[..crcOffset]) != BinaryPrimitives.ReadUInt32LittleEndian(frame[crcOffset..]))
            {
                Reject(ref buffer, BadFrameReason.CrcMismatch);
                continue;
            }

            buffer = buffer.Slice(length);
            _resynchronising = false;
            if (_channelCount == 0)
            {
                SetChannelCount(channels);
            }
            else if (channels != _channelCount)
            {
                _counters.AddBadFrame(BadFrameReason.ChannelCountMismatch);
                continue;
            }

            Fill(frame, channels, sample);
            return true;
        }

        return false;
    }

    private void Fill(ReadOnlySpan<byte> frame, int channels, SampleBuffer sample)
    {
        Span<float> values = sample.Begin(channels);
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(frame[(BinaryFrame.HeaderSize + (4 * i))..]);
        }

        if ((frame[5] & BinaryFrame.FlagHasTimestamp) != 0)
        {
            sample.TimestampMicroseconds = BinaryPrimitives.ReadInt64LittleEndian(frame[6..]);
            sample.HasTimestamp = true;
        }

        sample.End();
        _counters.AddFrame(sample.NonFiniteCount > 0);
    }

    private static bool StartsWithMagic(ReadOnlySequence<byte> buffer, out bool undecided)
    {
        var reader = new SequenceReader<byte>(buffer);
        reader.TryRead(out byte first);
        undecided = false;
        if (first != BinaryFrame.Magic0)
        {
            return false;
        }

        if (!reader.TryRead(out byte second))
        {
            undecided = true;
            return false;
        }

        return second == BinaryFrame.Magic1;
    }

    private void Reject(ref ReadOnlySequence<byte> buffer, BadFrameReason reason)
    {
        _counters.AddBadFrame(reason);
        _counters.AddSkippedBytes(1);
        _resynchronising = true;
        buffer = buffer.Slice(1);
    }

    private void SkipToNextMagic(ref ReadOnlySequence<byte> buffer)
    {
        if (!_resynchronising)
        {
            _counters.AddBadFrame(BadFrameReason.Garbage);
            _resynchronising = true;
        }

        SequencePosition? next = buffer.Slice(1).PositionOf(BinaryFrame.Magic0);
        ReadOnlySequence<byte> rest = next is null ? buffer.Slice(buffer.End) : buffer.Slice(next.Value);
        _counters.AddSkippedBytes(buffer.Length - rest.Length);
        buffer = rest;
    }

    private void SetChannelCount(int count)
    {
        _channelCount = count;
        _names = ChannelNaming.Default(count);
    }
}
