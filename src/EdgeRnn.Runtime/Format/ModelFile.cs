using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>Reads and writes the <c>.ernn</c> model file (spec: models/FORMAT.md).</summary>
internal static class ModelFile
{
    /// <summary>Parses a whole file; <paramref name="checksum"/> is the CRC-32 stored in (and verified against) the file.</summary>
    public static ModelDefinition Read(ReadOnlySpan<byte> file, out uint checksum) => throw new NotImplementedException();

    /// <summary>Reads a stream to its end without trusting any length it claims (bounded growth).</summary>
    public static byte[] ReadAllBounded(Stream stream) => throw new NotImplementedException();

    /// <summary>Writes the canonical file bytes of a definition.</summary>
    public static void Write(ModelDefinition definition, Stream stream) => throw new NotImplementedException();

    /// <summary>The canonical file bytes of a definition.</summary>
    public static byte[] ToBytes(ModelDefinition definition) => throw new NotImplementedException();

    /// <summary>The CRC-32 that <see cref="ToBytes"/> would store for this definition.</summary>
    public static uint Checksum(ModelDefinition definition) => throw new NotImplementedException();
}
