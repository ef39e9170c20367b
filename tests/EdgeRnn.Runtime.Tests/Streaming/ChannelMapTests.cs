using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Runtime.Tests.Streaming;

public class ChannelMapTests
{
    private static readonly string[] Model = ["vibration", "temperature", "current"];

    [Fact]
    public void Create_SourceNamesEveryFeatureInAnotherOrder_TakesThemByName()
    {
        var map = ChannelMap.Create(Model, ["current", "extra", "Temperature", "vibration"], 4);
        var input = new float[3];

        map.Apply([1f, 2f, 3f, 4f], input);

        Assert.Equal([4f, 3f, 1f], input);
        Assert.Null(map.Note);
        Assert.Equal(4, map.SourceCount);
    }

    [Fact]
    public void Create_GenericNamesAndTheModelsCount_TakesThemInOrderWithoutANote()
    {
        var map = ChannelMap.Create(Model, ["ch0", "ch1", "ch2"], 3);
        var input = new float[3];

        map.Apply([1f, 2f, 3f], input);

        Assert.Equal([1f, 2f, 3f], input);
        Assert.Null(map.Note);
    }

    [Fact]
    public void Create_OtherNamesAndTheModelsCount_TakesThemInOrderAndSaysSo()
    {
        var map = ChannelMap.Create(Model, ["a", "b", "c"], 3);

        Assert.NotNull(map.Note);
        Assert.Contains("(a, b, c)", map.Note, StringComparison.Ordinal);
        Assert.Contains("using them in order", map.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NeitherNamedNorTheModelsCount_ThrowsSayingWhatWasExpectedAndFound()
    {
        var e = Assert.Throws<InvalidDataException>(() => ChannelMap.Create(Model, ["a", "b"], 2));

        Assert.Contains("model's 3 channels (vibration, temperature, current)", e.Message, StringComparison.Ordinal);
        Assert.Contains("found 2 channels (a, b)", e.Message, StringComparison.Ordinal);
    }
}
