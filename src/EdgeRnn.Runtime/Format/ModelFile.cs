using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>Reads and writes the <c>.ernn</c> model file (spec: models/FORMAT.md).</summary>
internal static class ModelFile
{
    /// <summary>Parses a whole file; <paramref name="checksum"/> is the CRC-32 stored in (and verified against) the file.</summary>
    /// <exception cref="ModelFormatException">The bytes are not a valid model file; the message says where and why.</exception>
    public static ModelDefinition Read(ReadOnlySpan<byte> file, out uint checksum) => ModelFileReader.Read(file, out checksum);

    /// <summary>Reads a stream to its end without trusting any length it claims (bounded growth).</summary>
    /// <exception cref="ModelFormatException">The stream holds more than 1 GiB.</exception>
    public static byte[] ReadAllBounded(Stream stream) => BoundedStreamReader.ReadAll(stream, ModelFileLayout.MaxFileBytes);

    /// <summary>Writes the canonical file bytes of a definition.</summary>
    /// <exception cref="ArgumentException">The metadata or scoring holds something the format cannot carry.</exception>
    public static void Write(ModelDefinition definition, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(definition));
    }

    /// <summary>The canonical file bytes of a definition.</summary>
    /// <exception cref="ArgumentException">The metadata or scoring holds something the format cannot carry.</exception>
    public static byte[] ToBytes(ModelDefinition definition) => ModelFileWriter.ToBytes(definition);

    /// <summary>The CRC-32 that <see cref="ToBytes"/> would store for this definition (the payload CRC).</summary>
    /// <exception cref="ArgumentException">The metadata or scoring holds something the format cannot carry.</exception>
    public static uint Checksum(ModelDefinition definition) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ToBytes(definition).AsSpan(ModelFileHeader.PayloadCrcOffset));
}
