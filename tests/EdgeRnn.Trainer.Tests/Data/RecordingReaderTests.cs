using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class RecordingReaderTests
{
    private static readonly DataOptions Defaults = new();

    [Theory]
    [InlineData(",")]
    [InlineData(";")]
    [InlineData("\t")]
    public void Read_AnyDelimiter_ReadsSameValues(string d)
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", $"a{d}b\n1.5{d}2\n3{d}-4\n");
        var (recording, names) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal(["a", "b"], names.Inputs);
        Assert.Equal([1.5f, 2, 3, -4], recording.Values);
    }

    [Fact]
    public void Read_SemicolonWithDecimalComma_ParsesNumbers()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a;b\n1,5;2\n\"3,25\";4\n");
        var (recording, _) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal([1.5f, 2, 3.25f, 4], recording.Values);
    }

    [Fact]
    public void Read_SepLine_DeclaresDelimiter()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "sep=;\na;b,c\n1;2,5\n");
        var (recording, names) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal(["a", "b,c"], names.Inputs);
        Assert.Equal([1f, 2.5f], recording.Values);
        Assert.Equal(2, Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { Columns = ["z"] }, null)).Line);
    }

    [Fact]
    public void Read_TimeColumnByName_ExcludedFromChannelsAndParsed()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "Timestamp,x\n2023-11-14T22:13:20Z,1\n2023-11-14T22:13:21Z,2\n2023-11-14T22:13:22Z,3\n");
        var (recording, names) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal("Timestamp", names.Time);
        Assert.Equal(["x"], names.Inputs);
        Assert.Equal([1700000000.0, 1700000001.0, 1700000002.0], recording.Times!);
        Assert.Equal(1.0, recording.SamplePeriodSeconds);
    }

    [Fact]
    public void Read_UnixSecondsTimeColumnGivenByOption_Parsed()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "t,x\n100.5,1\n101,2\n");
        var (recording, names) = RecordingReader.Read(file, Defaults with { TimeColumn = "t" }, null);
        Assert.Equal("t", names.Time);
        Assert.Equal([100.5, 101.0], recording.Times!);
    }

    [Fact]
    public void Read_NoTimeColumnOption_KeepsNumericTimeAsChannel()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "time,x\n1,1\n2,2\n");
        var (_, names) = RecordingReader.Read(file, Defaults with { TimeColumn = DataOptions.NoTimeColumn }, null);
        Assert.Null(names.Time);
        Assert.Equal(["time", "x"], names.Inputs);
    }

    [Fact]
    public void Read_DetectedTimeColumnListedAsInput_IsAnInput()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "time,x\n1,1\n2,2\n");
        var (recording, names) = RecordingReader.Read(file, Defaults with { Columns = ["x", "time"] }, null);
        Assert.Null(names.Time);
        Assert.Null(recording.Times);
        Assert.Equal([1f, 1, 2, 2], recording.Values);
    }

    [Fact]
    public void Read_ExplicitTimeColumnListedAsInput_Throws()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "time,x\n1,1\n2,2\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { TimeColumn = "time", Columns = ["x", "time"] }, null));
        Assert.Contains("'time' is both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DefaultColumns_SkipTextLabelAndTimeColumns()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "date,site,a,state,b\n2024-01-01,north,1,ok,2\n2024-01-02,north,3,ok,4\n");
        var (_, names) = RecordingReader.Read(file, Defaults with { Task = ModelTask.Classify, LabelColumn = "state" }, null);
        Assert.Equal("date", names.Time);
        Assert.Equal("state", names.Label);
        Assert.Equal(["a", "b"], names.Inputs);
    }

    [Fact]
    public void Read_SelectedColumnsAndTargets_InGivenOrder()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a,b,c\n1,2,3\n4,5,6\n");
        var options = Defaults with { Columns = ["c", "A"], TargetColumns = ["a"] };
        var (recording, names) = RecordingReader.Read(file, options, null);
        Assert.Equal(["c", "a"], names.Inputs);
        Assert.Equal([1], names.TargetChannels);
        Assert.Equal([3f, 1, 6, 4], recording.Values);
    }

    [Fact]
    public void Read_UnknownColumn_ThrowsListingAvailableColumns()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a,b\n1,2\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { Columns = ["a", "z"] }, null));
        Assert.Equal(file, error.FilePath);
        Assert.Equal(1, error.Line);
        Assert.Contains("'z'", error.Message, StringComparison.Ordinal);
        Assert.Contains("a, b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TargetNotAnInput_Throws()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a,b\n1,2\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { Columns = ["a"], TargetColumns = ["b"] }, null));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MixedColumnCount_ThrowsNamingFileAndLine()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a,b\n1,2\n\n3,4\n5\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults, null));
        Assert.Equal(file, error.FilePath);
        Assert.Equal(5, error.Line);
        Assert.Contains("Expected 2 fields", error.Message, StringComparison.Ordinal);
        Assert.Contains("found 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MixedColumnCountAfterSample_ThrowsWithLine()
    {
        using var temp = new TempFolder();
        var text = new System.Text.StringBuilder("a,b\n");
        for (int i = 0; i < 1500; i++)
        {
            text.Append("1,2\n");
        }

        text.Append("1,2,3\n");
        string file = temp.Write("r.csv", text.ToString());
        Assert.Equal(1502, Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults, null)).Line);
    }

    [Fact]
    public void Read_NoUsableRows_ThrowsNamingFileAndLine()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "a,b\n1,x\n2,\n3,?\n4,-\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { Columns = ["a", "b"] }, null));
        Assert.Equal(file, error.FilePath);
        Assert.Equal(2, error.Line);
        Assert.Contains("usable rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderOnlyOrEmpty_Throws()
    {
        using var temp = new TempFolder();
        string headerOnly = temp.Write("h.csv", "a,b\n");
        string empty = temp.Write("e.csv", "");
        Assert.Contains("no usable rows", Assert.Throws<RecordingException>(() => RecordingReader.Read(headerOnly, Defaults, null)).Message, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Throws<RecordingException>(() => RecordingReader.Read(empty, Defaults, null)).Line);
    }

    [Fact]
    public void Read_BadTimestamp_ThrowsWithLine()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "time,x\n1,1\nnoon,2\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults, null));
        Assert.Equal(3, error.Line);
        Assert.Contains("'noon'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'time'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingCells_CountedPerPolicy()
    {
        using var temp = new TempFolder();
        // x: one missing (carried); y: 4 missing in a row (rows dropped, one gap); z a text cell (carried).
        string file = temp.Write("r.csv", "x,y,z\n1,1,1\n,2,2\n3,3,oops\n4,,4\n5,,5\n6,,6\n7,,7\n8,8,8\n9,9,9\n");
        var (recording, _) = RecordingReader.Read(file, Defaults with { Columns = ["x", "y", "z"] }, null);
        Assert.Equal(9, recording.DataRows);
        Assert.Equal(5, recording.Length);
        Assert.Equal(6, recording.MissingCells);
        Assert.Equal(2, recording.CarriedCells);
        Assert.Equal(4, recording.DroppedRows);
        Assert.Equal(1, recording.Gaps);
        Assert.Equal([0, 3], recording.SegmentStarts);
        Assert.Equal([1f, 1, 1, 1, 2, 2, 3, 3, 2, 8, 8, 8, 9, 9, 9], recording.Values);
    }

    [Fact]
    public void Read_NumberBeyondFloatRange_TreatedAsMissing()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "x\n1\n1e300\n3\n");
        var (recording, _) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal([1f, 1, 3], recording.Values);
        Assert.Equal(1, recording.MissingCells);
        Assert.Equal(1, recording.CarriedCells);
    }

    [Fact]
    public void Read_TimeJumpAndBackwardStep_BreakSegments()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "time,x\n0,1\n1,1\n2,1\n3,1\n100,1\n101,1\n102,1\n50,1\n51,1\n");
        var (recording, _) = RecordingReader.Read(file, Defaults, null);
        Assert.Equal(2, recording.TimeBreaks);
        Assert.Equal([0, 4, 7], recording.SegmentStarts);
        Assert.Equal(1.0, recording.SamplePeriodSeconds);
    }

    [Fact]
    public void Read_EmptyLabel_DropsRow()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "x,label\n1,a\n2,\n3,b\n");
        var (recording, _) = RecordingReader.Read(file, Defaults with { Task = ModelTask.Label }, null);
        Assert.Equal(["a", "b"], recording.Labels!);
        Assert.Equal(1, recording.Gaps);
    }

    [Fact]
    public void Read_ClassifyWithoutLabelColumn_ThrowsListingColumns()
    {
        using var temp = new TempFolder();
        string file = temp.Write("r.csv", "x,y\n1,2\n");
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(file, Defaults with { Task = ModelTask.Classify }, null));
        Assert.Contains("label column", error.Message, StringComparison.Ordinal);
        Assert.Contains("x, y", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SecondFileWithoutChosenColumn_ThrowsNamingSecondFile()
    {
        using var temp = new TempFolder();
        string first = temp.Write("a.csv", "x,y\n1,2\n");
        string second = temp.Write("b.csv", "y,w\n1,2\n");
        var (_, names) = RecordingReader.Read(first, Defaults, null);
        var error = Assert.Throws<RecordingException>(() => RecordingReader.Read(second, Defaults, names));
        Assert.Equal(second, error.FilePath);
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
    }
}
