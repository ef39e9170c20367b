using System.Buffers.Binary;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Blobs;

public class CheckedBlobTests
{
    private const string What = "a test blob (TEST)";

    private static byte[] Sealed(int bodyLength = 5, ushort version = 3)
    {
        var blob = new byte[CheckedBlob.Overhead + bodyLength];
        var body = CheckedBlob.Body(blob);
        for (int i = 0; i < body.Length; i++)
        {
            body[i] = (byte)(i + 1);
        }

        CheckedBlob.Seal(blob, "TEST"u8, version);
        return blob;
    }

    [Fact]
    public void Seal_Body_WritesTheDocumentedLayout()
    {
        byte[] blob = Sealed();

        Assert.Equal("TEST"u8.ToArray(), blob[..4]);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(blob.AsSpan(6)));
        Assert.Equal(blob.Length, BinaryPrimitives.ReadInt32LittleEndian(blob.AsSpan(8)));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, blob[12..17]);
        Assert.Equal(Crc32.Compute(blob.AsSpan(0, 17)), BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(17)));
    }

    [Fact]
    public void Open_Sealed_GivesTheVersionAndTheBody()
    {
        byte[] blob = Sealed();

        var body = CheckedBlob.Open(blob, "TEST"u8, What, out ushort version);

        Assert.Equal(3, version);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, body.ToArray());
    }

    [Fact]
    public void Open_EmptyBody_Opens()
    {
        Assert.Equal(0, CheckedBlob.Open(Sealed(0), "TEST"u8, What, out _).Length);
    }

    [Fact]
    public void Open_ShorterThanTheEnvelope_SaysTheMinimum()
    {
        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(Sealed().AsSpan(0, 15), "TEST"u8, What, out _));
        Assert.Equal("Expected a test blob (TEST) of at least 16 bytes; found 15 bytes.", ex.Message);
    }

    [Fact]
    public void Open_ForeignMagic_NamesBoth()
    {
        byte[] blob = Sealed();
        "ERSC"u8.CopyTo(blob);

        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(blob, "TEST"u8, What, out _));
        Assert.Equal("Expected a test blob (TEST) starting with \"TEST\"; found \"ERSC\".", ex.Message);
    }

    [Fact]
    public void Open_UnprintableMagic_ShowsItsBytes()
    {
        byte[] blob = Sealed();
        blob[0] = 0;

        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(blob, "TEST"u8, What, out _));
        Assert.Equal("Expected a test blob (TEST) starting with \"TEST\"; found bytes 00455354.", ex.Message);
    }

    [Fact]
    public void Open_Truncated_SaysTheStatedAndTheActualLength()
    {
        byte[] blob = Sealed(10);

        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(blob.AsSpan(0, 20), "TEST"u8, What, out _));
        Assert.Equal("Expected a test blob (TEST) of the 26 bytes its header states; found 20 bytes: it is truncated or corrupt.", ex.Message);
    }

    [Fact]
    public void Open_WrongStatedLength_IsRefusedBeforeTheCrc()
    {
        byte[] blob = Sealed();
        BinaryPrimitives.WriteInt32LittleEndian(blob.AsSpan(8), 1000);

        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(blob, "TEST"u8, What, out _));
        Assert.Equal("Expected a test blob (TEST) of the 1000 bytes its header states; found 21 bytes: it is truncated or corrupt.", ex.Message);
    }

    [Fact]
    public void Open_FlippedBitInTheBody_SaysBothCrcs()
    {
        byte[] blob = Sealed();
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(blob.AsSpan(17));
        blob[13] ^= 0x04;
        uint actual = Crc32.Compute(blob.AsSpan(0, 17));

        var ex = Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(blob, "TEST"u8, What, out _));
        Assert.Equal($"Expected a test blob (TEST) with CRC-32 0x{stored:X8}; computed 0x{actual:X8}: the bytes are corrupt.", ex.Message);
    }

    [Fact]
    public void Open_AnyBitFlipped_Throws()
    {
        byte[] good = Sealed();
        for (int bit = 0; bit < 8 * good.Length; bit++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[bit / 8] ^= (byte)(1 << (bit % 8));
            if (bit / 8 is 4 or 5 or 6 or 7)
            {
                // Version and reserved bytes are the format's to judge; the CRC still catches them.
                Assert.Contains("CRC-32", Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(bad, "TEST"u8, What, out _)).Message, StringComparison.Ordinal);
                continue;
            }

            Assert.Throws<ModelFormatException>(() => CheckedBlob.Open(bad, "TEST"u8, What, out _));
        }
    }

    [Fact]
    public void HasHeader_MagicAndVersion_OnlyWhenBothMatch()
    {
        byte[] blob = Sealed(version: 1);

        Assert.True(CheckedBlob.HasHeader(blob, "TEST"u8, 1));
        Assert.False(CheckedBlob.HasHeader(blob, "TEST"u8, 2));
        Assert.False(CheckedBlob.HasHeader(blob, "ERST"u8, 1));
        Assert.False(CheckedBlob.HasHeader(blob.AsSpan(0, 5), "TEST"u8, 1));
    }

    [Fact]
    public void Seal_MagicNotFourBytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CheckedBlob.Seal(new byte[20], "TES"u8, 1));
    }

    [Fact]
    public void SealAndOpen_AllocateNothing()
    {
        byte[] blob = Sealed(64);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                CheckedBlob.Seal(blob, "TEST"u8, 3);
                CheckedBlob.Open(blob, "TEST"u8, What, out _);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Crc32Of_CheckString_MatchesStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, CheckedBlob.Crc32Of("123456789"u8));
    }
}
