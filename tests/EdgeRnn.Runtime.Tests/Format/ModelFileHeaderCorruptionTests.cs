using System.Buffers.Binary;
using System.Text;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class ModelFileHeaderCorruptionTests
{
    private static byte[] ValidFile(bool int8 = false) => ModelFile.ToBytes(ModelFiles.Small(CellKind.Lstm, int8));

    [Fact]
    public void Read_Empty_SaysEmpty()
    {
        Assert.Contains("is empty", ModelFiles.Refused([]), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ForeignBytes_SaysExpectedMagicAndWhatWasFound()
    {
        string message = ModelFiles.Refused(Encoding.ASCII.GetBytes("GIF89a........................................................................"));

        Assert.Contains("expected the magic number 8945524E4E0D0A1A", message, StringComparison.Ordinal);
        Assert.Contains("found 4749463839612E2E", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Json_SuggestsImport()
    {
        Assert.Contains("edgernn import torch", ModelFiles.Refused(Encoding.UTF8.GetBytes("{ \"cell\": \"lstm\" }")), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ZipArchive_SaysPyTorchFile()
    {
        Assert.Contains("ZIP archive", ModelFiles.Refused([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0, 0, 0]), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineEndingsRewritten_SaysCopyAsBinary()
    {
        byte[] file = ValidFile();
        byte[] damaged = [.. file[..5], .. file[6..]];

        Assert.Contains("line endings", ModelFiles.Refused(damaged), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(40)]
    public void Read_TruncatedInHeader_SaysTruncated(int length)
    {
        string message = ModelFiles.Refused(ValidFile()[..length]);

        Assert.Contains("truncated", message, StringComparison.Ordinal);
        Assert.Contains($"found only {length}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedPayload_SaysExpectedAndFoundLengths()
    {
        byte[] file = ValidFile();

        string message = ModelFiles.Refused(file[..^100]);

        Assert.Contains($"expected {file.Length - 64} payload bytes", message, StringComparison.Ordinal);
        Assert.Contains($"found {file.Length - 164} (truncated)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytes_Refused()
    {
        Assert.Contains("trailing bytes", ModelFiles.Refused([.. ValidFile(), .. new byte[64]]), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NewerMajorVersion_SaysUpdate()
    {
        byte[] file = SectionList.Parse(ValidFile()).ToFile(major: 2, minor: 3);

        string message = ModelFiles.Refused(file);

        Assert.Contains("format version 2.3 is newer", message, StringComparison.Ordinal);
        Assert.Contains("update EdgeRnn", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MajorVersionZero_Refused()
    {
        Assert.Contains("expected format version 1.x; found 0.9", ModelFiles.Refused(SectionList.Parse(ValidFile()).ToFile(major: 0, minor: 9)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NewerMinorVersion_Loads()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Gru, int8: false);

        ModelDefinition read = ModelFile.Read(SectionList.Parse(ModelFile.ToBytes(model)).ToFile(minor: 7), out _);

        Model.ModelAssert.Equal(model, read);
    }

    [Fact]
    public void Read_UnknownRequiredFileFlag_Refused()
    {
        Assert.Contains("required features", ModelFiles.Refused(SectionList.Parse(ValidFile()).ToFile(flags: 0x4)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOptionalFileFlag_Loads()
    {
        ModelFile.Read(SectionList.Parse(ValidFile()).ToFile(flags: 0x0001_0000), out _);
    }

    [Fact]
    public void Read_HeaderByteFlipped_SaysHeaderCrc()
    {
        byte[] file = ValidFile();
        file[40] ^= 0x10;

        string message = ModelFiles.Refused(file);

        Assert.Contains("header is corrupt", message, StringComparison.Ordinal);
        Assert.Contains("CRC-32", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PayloadByteFlipped_SaysPayloadCrc()
    {
        byte[] file = ValidFile();
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(28));
        file[500] ^= 0x01;

        string message = ModelFiles.Refused(file);

        Assert.Contains("payload is corrupt", message, StringComparison.Ordinal);
        Assert.Contains($"expected CRC-32 0x{stored:X8}", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreSectionsAnnouncedThanPresent_Refused()
    {
        byte[] file = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), 12);

        Assert.Contains("announced more sections", ModelFiles.Refused(ModelFiles.Reseal(file)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AbsurdSectionCount_Refused()
    {
        byte[] file = ValidFile();
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(24), uint.MaxValue);

        Assert.Contains("expected a section count in [1, 256]; found 4294967295", ModelFiles.Refused(ModelFiles.Reseal(file)), StringComparison.Ordinal);
    }
}
