using System.Globalization;

namespace EdgeRnn.Runtime.Format;

/// <summary>Reads a stream to its end into memory, growing geometrically up to a hard cap, trusting no announced length.</summary>
internal static class BoundedStreamReader
{
    private const int InitialCapacity = 64 * 1024;

    /// <summary>All bytes to the end of <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="maxBytes">The most bytes accepted.</param>
    /// <returns>A new array of exactly the bytes read.</returns>
    /// <exception cref="ModelFormatException">The stream holds more than <paramref name="maxBytes"/> bytes.</exception>
    public static byte[] ReadAll(Stream stream, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        var buffer = new byte[Math.Min(InitialCapacity, maxBytes)];
        int count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (buffer.Length == maxBytes)
                {
                    if (stream.ReadByte() < 0)
                    {
                        return buffer;
                    }

                    throw new ModelFormatException(string.Create(CultureInfo.InvariantCulture, $"Model file too large: expected at most {maxBytes} bytes; the stream holds more."));
                }

                Array.Resize(ref buffer, (int)Math.Min(2L * buffer.Length, maxBytes));
            }

            int read = stream.Read(buffer, count, buffer.Length - count);
            if (read == 0)
            {
                break;
            }

            count += read;
        }

        if (count != buffer.Length)
        {
            Array.Resize(ref buffer, count);
        }

        return buffer;
    }
}
