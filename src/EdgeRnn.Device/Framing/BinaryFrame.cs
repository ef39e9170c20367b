using System.Buffers.Binary;
using EdgeRnn.Device.Samples;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Device.Framing;

/// <summary>
/// The EdgeRnn binary sample frame, version 1, little-endian (spec and worked example in Framing/README.md):
/// magic 0xED 0x52, version, channel count (uint16), flags, timestamp (int64 Unix µs), float32 values, CRC-32 of all before it.
/// </summary>
internal static class BinaryFrame
{
    /// <summary>The first magic byte: 0xED never appears in valid UTF-8 before 0x52, so CSV text never looks like a frame.</summary>
    public const byte Magic0 = 0xED;

    /// <summary>The second magic byte ('R').</summary>
    public const byte Magic1 = 0x52;

    /// <summary>The only version this code writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>The bytes before the values: magic, version, channel count, flags, timestamp.</summary>
    public const int HeaderSize = 14;

    /// <summary>The CRC-32 after the values.</summary>
    public const int CrcSize = 4;

    /// <summary>The largest channel count a frame may declare: as many as a sample holds.</summary>
    public const int MaxChannels = SampleBuffer.MaxChannels;

    /// <summary>Flag bit 0: the timestamp is the sample time; when clear the receiver stamps the arrival time.</summary>
    public const byte FlagHasTimestamp = 0x01;

    /// <summary>The size of a frame of <paramref name="channels"/> values.</summary>
    /// <param name="channels">The channel count, 1..<see cref="MaxChannels"/>.</param>
    /// <returns>The frame length in bytes: 18 + 4 × channels.</returns>
    public static int GetLength(int channels) => HeaderSize + (sizeof(float) * channels) + CrcSize;

    /// <summary>Writes one frame.</summary>
    /// <param name="destination">At least <see cref="GetLength"/> bytes.</param>
    /// <param name="values">1..<see cref="MaxChannels"/> values.</param>
    /// <param name="timestampMicroseconds">The sample time in microseconds since the Unix epoch, or null for none.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No values, too many, or a destination too small.</exception>
    public static int Encode(Span<byte> destination, ReadOnlySpan<float> values, long? timestampMicroseconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Length, nameof(values));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(values.Length, MaxChannels, nameof(values));
        int length = GetLength(values.Length);
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, length, nameof(destination));

        destination[0] = Magic0;
        destination[1] = Magic1;
        destination[2] = Version;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[3..], (ushort)values.Length);
        destination[5] = timestampMicroseconds.HasValue ? FlagHasTimestamp : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(destination[6..], timestampMicroseconds ?? 0);
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[(HeaderSize + (4 * i))..], values[i]);
        }

        int crcOffset = length - CrcSize;
        BinaryPrimitives.WriteUInt32LittleEndian(destination[crcOffset..], CheckedBlob.Crc32Of(destination[..crcOffset]));
        return length;
    }
}
