using System.Buffers.Binary;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Device.Tests.Persistence;

public class StateFileTests
{
    private static SavedState Example() => new(
        Enumerable.Range(0, 37).Select(i => (byte)(i * 7)).ToArray(),
        42,
        123_456_789,
        new DateTimeOffset(2026, 11, 22, 5, 0, 0, 123, TimeSpan.Zero),
        new byte[] { 1, 2, 3 });

    [Fact]
    public void Decode_Encoded_SameFields()
    {
        var saved = Example();
        var decoded = StateFile.Decode(StateFile.Encode(saved));
        Assert.Equal(saved.State.ToArray(), decoded.State.ToArray());
        Assert.Equal(saved.Extra.ToArray(), decoded.Extra.ToArray());
        Assert.Equal(42, decoded.Sequence);
        Assert.Equal(123_456_789, decoded.SampleIndex);
        Assert.Equal(saved.SavedAt, decoded.SavedAt);
    }

    [Fact]
    public void Decode_AnySingleByteFlipped_RejectedAsCorrupt()
    {
        byte[] good = StateFile.Encode(Example());
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            Assert.Throws<ModelFormatException>(() => StateFile.Decode(bad));
        }
    }

    [Fact]
    public void Decode_EveryTruncation_Rejected()
    {
        byte[] good = StateFile.Encode(Example());
        for (int length = 0; length < good.Length; length++)
        {
            var e = Assert.Throws<ModelFormatException>(() => StateFile.Decode(good[..length]));
            Assert.Contains("found", e.Message, StringComparison.Ordinal);
        }
    }

    /// <summary><see cref="Example"/> as the version-1 code (before the envelope) wrote it.</summary>
    private static byte[] ExampleVersion1 => Convert.FromBase64String(
        "RVJTRgEAAAAqAAAAAAAAABXNWwcAAAAA+xygAaIBAAAlAAAAAwAAAAAHDhUcIyoxOD9GTVRbYmlwd36FjJOaoaivtr3Ey9LZ4Ofu9fwBAgMEXz5+");

    [Fact]
    public void Encode_Example_IsVersion2InTheEnvelope()
    {
        byte[] bytes = StateFile.Encode(Example());

        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(StateFile.Size(37, 3), bytes.Length);
        Assert.Equal(ExampleVersion1.Length + 4, bytes.Length);
        Assert.Equal(ExampleVersion1[8..^4], CheckedBlob.Open(bytes, "ERSF"u8, "a state file (ERSF)", out _).ToArray());
    }

    [Fact]
    public void Decode_Version1_SameFields()
    {
        var saved = Example();
        var decoded = StateFile.Decode(ExampleVersion1);
        Assert.Equal(saved.State.ToArray(), decoded.State.ToArray());
        Assert.Equal(saved.Extra.ToArray(), decoded.Extra.ToArray());
        Assert.Equal(42, decoded.Sequence);
        Assert.Equal(123_456_789, decoded.SampleIndex);
        Assert.Equal(saved.SavedAt, decoded.SavedAt);
    }

    [Fact]
    public void Decode_Version1AnyByteFlippedOrTruncated_Rejected()
    {
        byte[] good = ExampleVersion1;
        for (int i = 0; i < good.Length; i++)
        {
            byte[] bad = (byte[])good.Clone();
            bad[i] ^= 0x10;
            Assert.Throws<ModelFormatException>(() => StateFile.Decode(bad));
            Assert.Throws<ModelFormatException>(() => StateFile.Decode(good[..i]));
        }
    }

    [Fact]
    public void Decode_ForeignMagic_NamesTheStateFile()
    {
        byte[] bytes = StateFile.Encode(Example());
        "ERST"u8.CopyTo(bytes);

        var e = Assert.Throws<ModelFormatException>(() => StateFile.Decode(bytes));
        Assert.Equal("Expected a state file (ERSF) starting with \"ERSF\"; found \"ERST\".", e.Message);
    }

    [Fact]
    public void Decode_UnknownVersion_SaysWhichAreRead()
    {
        byte[] bytes = StateFile.Encode(Example());
        CheckedBlob.Seal(bytes, "ERSF"u8, 3);

        var e = Assert.Throws<ModelFormatException>(() => StateFile.Decode(bytes));
        Assert.Equal("Expected a state file (ERSF) of version 2 or 1; found version 3.", e.Message);
    }

    [Fact]
    public void Decode_EnvelopeAroundTooShortABody_Rejected()
    {
        byte[] bytes = new byte[CheckedBlob.Overhead + 8];
        CheckedBlob.Seal(bytes, "ERSF"u8, 2);

        Assert.Contains("at least", Assert.Throws<ModelFormatException>(() => StateFile.Decode(bytes)).Message, StringComparison.Ordinal);
    }
}
