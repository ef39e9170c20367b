using EdgeRnn.Device.Persistence;

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
            Assert.Throws<InvalidDataException>(() => StateFile.Decode(bad));
        }
    }

    [Fact]
    public void Decode_EveryTruncation_Rejected()
    {
        byte[] good = StateFile.Encode(Example());
        for (int length = 0; length < good.Length; length++)
        {
            var e = Assert.Throws<InvalidDataException>(() => StateFile.Decode(good[..length]));
            Assert.Contains("found", e.Message, StringComparison.Ordinal);
        }
    }
}
