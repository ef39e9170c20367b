using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>Valid model files for format tests, and a way to make a damaged file pass the checksums again.</summary>
internal static class ModelFiles
{
    public static readonly CellKind[] Kinds = [CellKind.RnnTanh, CellKind.RnnRelu, CellKind.Lstm, CellKind.Gru];

    /// <summary>A small decorated model (full metadata, normalisation, scoring).</summary>
    public static ModelDefinition Small(CellKind kind, bool int8, int layers = 2, int seed = 1) =>
        TestModels.Decorated(TestModels.Random(kind, 3, 5, layers, 2, seed, int8), seed + 100);

    /// <summary>Rewrites the payload length, payload CRC and header CRC so that only the structure is checked.</summary>
    public static byte[] Reseal(byte[] file)
    {
        if (file.Length < 64)
        {
            return file;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(16), (ulong)(file.Length - 64));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(28), Crc32.Compute(file.AsSpan(64)));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(60), Crc32.Compute(file.AsSpan(0, 60)));
        return file;
    }

    /// <summary>The file offset of the section header of the <paramref name="index"/>-th section.</summary>
    public static int SectionOffset(byte[] file, int index)
    {
        int offset = 64;
        for (int i = 0; i < index; i++)
        {
            long length = (long)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset + 8));
            offset = (int)((offset + 16 + length + 63) & ~63L);
        }

        return offset;
    }

    /// <summary>Reads and expects a <see cref="ModelFormatException"/>; returns its message.</summary>
    public static string Refused(byte[] file) => Assert.Throws<ModelFormatException>(() => ModelFile.Read(file, out _)).Message;
}
