using System.Buffers.Binary;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>
/// A model file taken apart into its sections and put back together, written from models/FORMAT.md independently of the
/// runtime's writer, so tests can build files the writer never would (unknown, missing, duplicated or reordered sections).
/// </summary>
internal sealed class SectionList
{
    public List<(uint Id, uint Flags, byte[] Body)> Sections { get; } = [];

    public static SectionList Parse(byte[] file)
    {
        var list = new SectionList();
        int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(24));
        int offset = 64;
        for (int i = 0; i < count; i++)
        {
            uint id = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset));
            uint flags = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(offset + 4));
            int length = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(offset + 8));
            list.Sections.Add((id, flags, file.AsSpan(offset + 16, length).ToArray()));
            offset = (offset + 16 + length + 63) & ~63;
        }

        return list;
    }

    /// <summary>The index of the first section with this id.</summary>
    public int IndexOf(uint id) => Sections.FindIndex(s => s.Id == id);

    public byte[] ToFile(ushort major = 1, ushort minor = 0, uint flags = 0)
    {
        int length = 64;
        foreach (var section in Sections)
        {
            length = (length + 16 + section.Body.Length + 63) & ~63;
        }

        var file = new byte[length];
        int offset = 64;
        foreach (var (id, sectionFlags, body) in Sections)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset), id);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offset + 4), sectionFlags);
            BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(offset + 8), (ulong)body.Length);
            body.CopyTo(file, offset + 16);
            offset = (offset + 16 + body.Length + 63) & ~63;
        }

        byte[] magic = [0x89, (byte)'E', (byte)'R', (byte)'N', (byte)'N', 0x0D, 0x0A, 0x1A];
        magic.CopyTo(file, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(8), major);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(10), minor);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(12), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), (uint)Sections.Count);
        return ModelFiles.Reseal(file);
    }
}
