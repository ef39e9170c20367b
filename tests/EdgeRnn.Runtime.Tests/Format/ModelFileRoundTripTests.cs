using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class ModelFileRoundTripTests
{
    public static TheoryData<CellKind, int, bool> Cases()
    {
        var data = new TheoryData<CellKind, int, bool>();
        foreach (CellKind kind in ModelFiles.Kinds)
        {
            for (int layers = 1; layers <= ModelDefinition.MaxLayers; layers++)
            {
                data.Add(kind, layers, false);
                data.Add(kind, layers, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_WrittenFile_GivesBackTheSameDefinition(CellKind kind, int layers, bool quantized)
    {
        ModelDefinition model = TestModels.Decorated(TestModels.Random(kind, 6, 9, layers, 4, seed: layers, quantized), seed: 7);

        byte[] file = ModelFile.ToBytes(model);
        ModelDefinition read = ModelFile.Read(file, out uint checksum);

        ModelAssert.Equal(model, read);
        Assert.Equal(quantized, read.IsQuantized);
        Assert.Equal(ModelFile.Checksum(model), checksum);
        Assert.Equal(file, ModelFile.ToBytes(read));
    }

    [Fact]
    public void ToBytes_SameDefinitionTwice_IdenticalBytes()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Lstm, int8: false);
        ModelDefinition rebuilt = ModelFiles.Small(CellKind.Lstm, int8: false);

        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(model));
        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(rebuilt));
    }

    [Fact]
    public void Properties_GivenDictionaryChangedLater_TheModelKeepsWhatWasGiven()
    {
        var given = new Dictionary<string, string> { ["train.seed"] = "1" };
        var metadata = new ModelMetadata { Properties = given };

        given["train.seed"] = "2";
        given["added"] = "later";

        Assert.Equal("1", metadata.Properties["train.seed"]);
        Assert.Single(metadata.Properties);
        Assert.False(metadata.Properties is IDictionary<string, string> { IsReadOnly: false });
    }

    [Fact]
    public void ToBytes_PropertiesInsertedInAnotherOrder_IdenticalBytes()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Gru, int8: false);
        var reversed = model.Metadata.Properties.Reverse().ToDictionary(p => p.Key, p => p.Value);
        ModelDefinition other = model.With(metadata: new ModelMetadata
        {
            FeatureNames = model.Metadata.FeatureNames,
            TargetChannels = model.Metadata.TargetChannels,
            SamplePeriodSeconds = model.Metadata.SamplePeriodSeconds,
            Task = model.Metadata.Task,
            Properties = reversed,
        });

        Assert.Equal(ModelFile.ToBytes(model), ModelFile.ToBytes(other));
    }

    [Fact]
    public void ToBytes_Always_SectionsStartOn64ByteBoundariesAndFileLengthIsAMultipleOf64()
    {
        byte[] file = ModelFile.ToBytes(ModelFiles.Small(CellKind.Gru, int8: true, layers: 3));

        Assert.Equal(0, file.Length % 64);
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0, ModelFiles.SectionOffset(file, i) % 64);
        }

        Assert.Equal(file.Length, ModelFiles.SectionOffset(file, 8));
    }

    [Fact]
    public void Read_MinimalDefinition_DefaultsSurvive()
    {
        ModelDefinition model = TestModels.Random(CellKind.RnnTanh, 1, 1, 1, 1, seed: 2);

        ModelDefinition read = ModelFile.Read(ModelFile.ToBytes(model), out _);

        ModelAssert.Equal(model, read);
        Assert.True(read.InputNormalization.IsIdentity);
        Assert.False(read.Scoring.IsEnabled);
        Assert.Empty(read.Metadata.Properties);
    }

    [Fact]
    public void Write_ToStream_SameBytesAsToBytes()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.RnnRelu, int8: true);
        using var stream = new MemoryStream();

        ModelFile.Write(model, stream);

        Assert.Equal(ModelFile.ToBytes(model), stream.ToArray());
    }

    [Fact]
    public void RnnModelLoad_StreamAndSpan_SameDefinitionAndChecksum()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Lstm, int8: false, layers: 3);
        byte[] file = ModelFile.ToBytes(model);

        using var stream = new MemoryStream(file);
        RnnModel fromStream = RnnModel.Load(stream);
        RnnModel fromSpan = RnnModel.Load(file);

        ModelAssert.Equal(model, fromStream.Definition);
        ModelAssert.Equal(model, fromSpan.Definition);
        Assert.Equal(fromSpan.Checksum, fromStream.Checksum);
        Assert.Equal(RnnModel.FromDefinition(model).Checksum, fromSpan.Checksum);
    }

    [Fact]
    public void ToBytes_ScoringOutOfRange_ArgumentException()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Gru, int8: false);
        var bad = model.With(scoring: new EdgeRnn.Runtime.Model.ScoringParameters { LongWindow = 10, ShortWindow = 20, ErrorStd = [1f, 1f], Threshold = 0.5f });

        var ex = Assert.Throws<ArgumentException>(() => ModelFile.ToBytes(bad));

        Assert.Contains("short scoring window", ex.Message, StringComparison.Ordinal);
    }
}
