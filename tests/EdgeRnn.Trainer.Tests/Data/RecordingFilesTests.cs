using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public class RecordingFilesTests
{
    [Fact]
    public void Resolve_File_ReturnsIt()
    {
        using var temp = new TempFolder();
        string file = temp.Write("one.csv", "a\n1\n");
        Assert.Equal([file], RecordingFiles.Resolve(file));
    }

    [Fact]
    public void Resolve_Folder_ReturnsItsCsvFilesSortedByName()
    {
        using var temp = new TempFolder();
        string b = temp.Write("b.csv", "a\n1\n");
        string a = temp.Write("a.CSV", "a\n1\n");
        temp.Write("notes.txt", "x");
        temp.Write("sub/c.csv", "a\n1\n");
        Assert.Equal([a, b], RecordingFiles.Resolve(temp.Path));
    }

    [Fact]
    public void Resolve_SimpleGlob_MatchesTopFolderOnly()
    {
        using var temp = new TempFolder();
        string a = temp.Write("data/pump_1.csv", "a\n1\n");
        string b = temp.Write("data/pump_2.csv", "a\n1\n");
        temp.Write("data/fan_1.csv", "a\n1\n");
        temp.Write("data/deep/pump_3.csv", "a\n1\n");
        var files = RecordingFiles.Resolve(Path.Combine(temp.Path, "data", "pump_*.csv"));
        Assert.Equal([a, b], files);
    }

    [Fact]
    public void Resolve_RecursiveGlob_MatchesAtAnyDepthSorted()
    {
        using var temp = new TempFolder();
        string top = temp.Write("rec/pump_0.csv", "a\n1\n");
        string deep = temp.Write("rec/2024/03/pump_1.csv", "a\n1\n");
        temp.Write("rec/2024/fan_1.csv", "a\n1\n");
        var files = RecordingFiles.Resolve(Path.Combine(temp.Path, "rec") + "/**/pump_*.csv");
        Assert.Equal(new[] { deep, top }.Order(StringComparer.Ordinal), files);
    }

    [Fact]
    public void Resolve_SeveralSpecs_UnionInGivenOrderWithoutDuplicates()
    {
        using var temp = new TempFolder();
        string a = temp.Write("a.csv", "a\n1\n");
        string b = temp.Write("b.csv", "a\n1\n");
        string c = temp.Write("more/c.csv", "a\n1\n");
        var files = RecordingFiles.Resolve([Path.Combine(temp.Path, "more"), b, Path.Combine(temp.Path, "*.csv")]);
        Assert.Equal([c, b, a], files);
        Assert.Throws<RecordingException>(() => RecordingFiles.Resolve(Array.Empty<string>()));
    }

    [Fact]
    public void Resolve_GlobWithoutMatch_ThrowsNamingTheGlob()
    {
        using var temp = new TempFolder();
        temp.Write("a.csv", "a\n1\n");
        string spec = Path.Combine(temp.Path, "*.tsv");
        var error = Assert.Throws<RecordingException>(() => RecordingFiles.Resolve(spec));
        Assert.Contains(spec, error.Message, StringComparison.Ordinal);
        Assert.Contains("found none", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingPathOrEmptyFolder_Throws()
    {
        using var temp = new TempFolder();
        Assert.Contains("does not exist", Assert.Throws<RecordingException>(() => RecordingFiles.Resolve(Path.Combine(temp.Path, "nope.csv"))).Message, StringComparison.Ordinal);
        Assert.Contains("found none", Assert.Throws<RecordingException>(() => RecordingFiles.Resolve(temp.Path)).Message, StringComparison.Ordinal);
    }
}
