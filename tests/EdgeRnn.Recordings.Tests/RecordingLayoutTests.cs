namespace EdgeRnn.Recordings.Tests;

public class RecordingLayoutTests
{
    [Fact]
    public void Of_Header_FindsTimeAndLabelColumnsByName()
    {
        var layout = RecordingLayout.Of(Utf8.Bytes("vibration,Timestamp,temperature,Anomaly"), CsvDialect.Comma);

        Assert.True(layout.HasHeader);
        Assert.Equal(["vibration", "Timestamp", "temperature", "Anomaly"], layout.Names);
        Assert.Equal(1, layout.TimeColumn);
        Assert.Equal(3, layout.LabelColumn);
        Assert.Equal([0, 2], layout.Channels);
    }

    [Theory]
    [InlineData("time,timestamp,a", 1)]
    [InlineData("ts,date,a", 1)]
    [InlineData("a,t", 1)]
    [InlineData("utc,a", 0)]
    [InlineData("a,b", -1)]
    public void Of_SeveralTimeNames_TakesTheFirstInPreferenceOrder(string header, int expected)
    {
        Assert.Equal(expected, RecordingLayout.Of(Utf8.Bytes(header), CsvDialect.Comma).TimeColumn);
    }

    [Theory]
    [InlineData("a,class,label", 2)]
    [InlineData("a,is_anomaly,anomaly", 2)]
    [InlineData("a,class", 1)]
    [InlineData("a,changepoint", -1)]
    public void Of_SeveralLabelNames_TakesTheFirstInPreferenceOrder(string header, int expected)
    {
        Assert.Equal(expected, RecordingLayout.Of(Utf8.Bytes(header), CsvDialect.Comma).LabelColumn);
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1.5;NaN;;inf")]
    [InlineData("2026-01-01T00:00:00Z,1,2")]
    [InlineData("1700000000,1,2")]
    [InlineData("\"1\",\"2\"")]
    public void Of_NumbersTimestampsAndEmptyFields_AreData(string record)
    {
        var layout = RecordingLayout.Of(Utf8.Bytes(record), CsvDialect.Detect(Utf8.Bytes(record)));

        Assert.False(layout.HasHeader);
        Assert.Equal(-1, layout.LabelColumn);
    }

    [Fact]
    public void Of_HeaderlessFirstColumnOfIsoTimestamps_IsTheTimeColumn()
    {
        Assert.Equal(0, RecordingLayout.Of("2026-01-01 00:00:00,1,2"u8, CsvDialect.Comma).TimeColumn);
        Assert.Equal(-1, RecordingLayout.Of("1700000000,1,2"u8, CsvDialect.Comma).TimeColumn);
        Assert.Equal(-1, RecordingLayout.Of("2026-01-01 00:00:00,1,2"u8, CsvDialect.Comma, findTime: false).TimeColumn);
    }

    [Fact]
    public void Of_QuotedAndEmptyNames_AreUnquotedTrimmedAndNumbered()
    {
        var layout = RecordingLayout.Of(Utf8.Bytes("\" flow, l/s \";;x"), CsvDialect.Semicolon);

        Assert.Equal(["flow, l/s", "column2", "x"], layout.Names);
    }

    [Fact]
    public void Of_TimeSearchOff_NameIsAChannel()
    {
        var layout = RecordingLayout.Of("time,a"u8, CsvDialect.Comma, findTime: false);

        Assert.Equal(-1, layout.TimeColumn);
        Assert.Equal([0, 1], layout.Channels);
    }

    [Theory]
    [InlineData("Pressure", 1)]
    [InlineData("pressure", 1)]
    [InlineData(" flow ", 2)]
    [InlineData("none", -1)]
    public void IndexOf_Names_ExactElseIgnoringCase(string name, int expected)
    {
        Assert.Equal(expected, RecordingColumns.IndexOf(["time", "Pressure", "flow", "PRESSURE"], name));
    }

    [Fact]
    public void IsLabelLike_LabelNamesAndChangepoint()
    {
        Assert.All(["label", "Anomaly", "class", "is_anomaly", "changepoint"], n => Assert.True(RecordingColumns.IsLabelLike(n)));
        Assert.False(RecordingColumns.IsLabelLike("value"));
    }
}
