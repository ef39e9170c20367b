using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>Files made of many tiny items, the worst ratio of allocated bytes to file bytes.</summary>
public class ModelFileAllocationTests
{
    [Theory]
    [InlineData(8192, 0, 0)]
    [InlineData(0, 8192, 0)]
    [InlineData(0, 0, 60000)]
    public void Read_MetadataOfManyTinyItems_AllocatesInProportionToTheFile(int names, int targets, int properties)
    {
        var body = new List<byte>();
        void U32(uint value)
        {
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            body.AddRange(bytes);
        }

        void Text(string text)
        {
            U32((uint)text.Length);
            body.AddRange(System.Text.Encoding.ASCII.GetBytes(text));
        }

        body.AddRange(new byte[8]);
        U32(0);
        U32((uint)names);
        for (int i = 0; i < names; i++)
        {
            Text("n");
        }

        U32((uint)targets);
        for (int i = 0; i < targets; i++)
        {
            U32(0);
        }

        U32((uint)properties);
        for (int i = 0; i < properties; i++)
        {
            Text(i.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            Text(string.Empty);
        }

        var sections = SectionList.Parse(ModelFile.ToBytes(ModelFiles.Small(CellKind.Gru, int8: false)));
        sections.Sections[0] = (1, 1, body.ToArray());
        byte[] file = sections.ToFile();

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool loaded = Loads(file);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(properties > 0, loaded);
        Assert.True(allocated <= (16L * file.Length) + (64 * 1024), $"allocated {allocated} bytes for a {file.Length}-byte file");
    }

    private static bool Loads(byte[] file)
    {
        try
        {
            ModelFile.Read(file, out _);
            return true;
        }
        catch (ModelFormatException)
        {
            return false;
        }
    }
}
