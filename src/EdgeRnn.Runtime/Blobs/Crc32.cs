namespace EdgeRnn.Runtime.Blobs;

/// <summary>
/// CRC-32 as in zlib, PNG and Ethernet (IEEE 802.3, reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF).
/// The check value of the ASCII bytes "123456789" is 0xCBF43926.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    /// <param name="data">The bytes.</param>
    /// <returns>The checksum.</returns>
    public static uint Compute(ReadOnlySpan<byte> data) => Append(0, data);

    /// <summary>Continues a CRC-32: <c>Append(Compute(a), b) == Compute(a + b)</c>.</summary>
    /// <param name="crc">The CRC-32 of what came before (0 for nothing).</param>
    /// <param name="data">The next bytes.</param>
    /// <returns>The CRC-32 of everything so far.</returns>
    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        uint[] table = Table;
        uint value = ~crc;
        foreach (byte b in data)
        {
            value = table[(byte)(value ^ b)] ^ (value >> 8);
        }

        return ~value;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
