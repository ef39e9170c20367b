using System.Text;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Blobs;

public class Crc32Tests
{
    [Fact]
    public void Compute_CheckString_MatchesStandardCheckValue()
    {
        Assert.Equal(0xCBF43926u, Crc32.Compute(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void Append_TwoParts_EqualsWhole()
    {
        byte[] data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog");
        uint whole = Crc32.Compute(data);
        Assert.Equal(0x414FA339u, whole);
        for (int split = 0; split <= data.Length; split++)
        {
            Assert.Equal(whole, Crc32.Append(Crc32.Compute(data.AsSpan(0, split)), data.AsSpan(split)));
        }
    }
}
