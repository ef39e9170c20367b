using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary><c>edgernn train</c> reads every dialect of the recording contract as the plain comma file: the same model, byte for byte.</summary>
public sealed class TrainDialectTests
{
    private static readonly Lazy<byte[]> Plain = new(() => Train(RecordingDialect.Comma));

    public static TheoryData<string> Dialects => [.. RecordingDialect.All.Where(d => d.Header && d != RecordingDialect.Comma).Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Dialects))]
    public void Train_Dialect_WritesThePlainFilesModel(string dialect)
    {
        Assert.Equal(Plain.Value, Train(RecordingDialect.Named(dialect)));
    }

    [Theory]
    [InlineData("anomaly")]
    [InlineData("class")]
    [InlineData("is_anomaly")]
    public void Train_ClassifyWithEachLabelName_FindsTheLabelColumn(string labelName)
    {
        byte[] byLabel = Train(RecordingDialect.Comma, "label", "--task", "classify");

        Assert.Equal(byLabel, Train(RecordingDialect.Named("semicolon"), labelName, "--task", "classify"));
    }

    [Fact]
    public void Train_Headerless_NamesTheColumnsAndLeavesTheTimestampOut()
    {
        using var folder = new TempFolder();
        string data = folder.Write("r.csv", DialectData.Sine(RecordingDialect.Named("headerless"), 300, note: false));
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, _, error) = Run(["train", "--data", data, "--out", model, .. Small]);

        Assert.True(code == 0, error);
        var metadata = RnnModel.Load(model).Definition.Metadata;
        Assert.Equal(["column2", "column3", "column4"], metadata.FeatureNames);
        Assert.Equal(1.0, metadata.SamplePeriodSeconds);
    }

    private static byte[] Train(RecordingDialect dialect) => Train(dialect, "label");

    private static byte[] Train(RecordingDialect dialect, string labelName, params string[] options)
    {
        using var folder = new TempFolder();
        string data = folder.Write("r.csv", DialectData.Sine(dialect, 300, labelName));
        string model = Path.Combine(folder.Path, "m.ernn");

        var (code, _, error) = Run(["train", "--data", data, "--out", model, .. Small, .. options]);

        Assert.True(code == 0, $"{dialect}: {error}");
        return File.ReadAllBytes(model);
    }
}
