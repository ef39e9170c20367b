using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class BoundedStreamReaderTests
{
    [Fact]
    public void ReadAllBounded_StreamDeliveringFewBytesPerRead_ReadsEverything()
    {
        byte[] file = ModelFile.ToBytes(TestModels.Random(CellKind.Lstm, 16, 128, 2, 16, seed: 4));
        using var stream = new TricklingStream(file, chunk: 7);

        byte[] read = ModelFile.ReadAllBounded(stream);

        Assert.Equal(file, read);
    }

    [Fact]
    public void ReadAllBounded_SeekableStreamWithLengthLie_DoesNotTrustIt()
    {
        using var stream = new TricklingStream(new byte[100], chunk: 100, claimedLength: long.MaxValue / 2);

        long before = GC.GetAllocatedBytesForCurrentThread();
        byte[] read = BoundedStreamReader.ReadAll(stream, 1 << 30);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(100, read.Length);
        Assert.True(allocated < 200_000, $"allocated {allocated} bytes for a 100-byte stream");
    }

    [Fact]
    public void ReadAll_StreamLongerThanTheCap_Refused()
    {
        using var stream = new MemoryStream(new byte[5000]);

        var ex = Assert.Throws<ModelFormatException>(() => BoundedStreamReader.ReadAll(stream, 4096));

        Assert.Contains("at most 4096 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAll_StreamExactlyAtTheCap_Accepted()
    {
        using var stream = new MemoryStream(new byte[4096]);

        Assert.Equal(4096, BoundedStreamReader.ReadAll(stream, 4096).Length);
    }
}
