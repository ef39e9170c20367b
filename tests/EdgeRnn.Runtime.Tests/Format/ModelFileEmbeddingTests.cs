using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>The embedding table section (id 11, format 1.3).</summary>
public class ModelFileEmbeddingTests
{
    private const uint EmbeddingId = 11;
    private const uint LayerId = 3;

    private static ModelDefinition Model(bool int8 = false) => EmbeddingModels.Create(CellKind.Lstm, 9, 5, 6, 2, seed: 8, int8);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTrip_EmbeddingModel_SameBitsAndVersion13(bool int8)
    {
        var definition = TestModels.Decorated(Model(int8), seed: 3);
        byte[] file = ModelFile.ToBytes(definition);

        var read = ModelFile.Read(file, out _);

        ModelAssert.Equal(definition, read);
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)));
        var sections = SectionList.Parse(file);
        Assert.Equal(2, sections.IndexOf(EmbeddingId));
        Assert.Equal(3, sections.IndexOf(LayerId));
        Assert.Equal(file, ModelFile.ToBytes(read));
    }

    [Fact]
    public void Write_ModelWithoutTable_StaysBelow13()
    {
        byte[] file = ModelFile.ToBytes(ModelFiles.Small(CellKind.Gru, int8: true));

        Assert.True(BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)) < 3);
        Assert.Equal(-1, SectionList.Parse(file).IndexOf(EmbeddingId));
    }

    [Theory]
    [InlineData(0, 0u, "expected the vocabulary size in [1, 8192]; found 0")]
    [InlineData(4, 9000u, "expected the embedding size in [1, 8192]; found 9000")]
    [InlineData(8, 2u, "expected the weight storage (0 float32, 1 int8) in [0, 1]; found 2")]
    [InlineData(0, 10u, "bytes of Float32 rows for an embedding table of 10 tokens × 5")]
    public void Read_AbsurdField_NamesSectionFieldAndValue(int fieldOffset, uint value, string expected)
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        int index = sections.IndexOf(EmbeddingId);
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[index].Body.AsSpan(fieldOffset), value);

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains($"section {index} (embedding table, from offset", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNInTable_SaysFiniteAndWhere()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        int index = sections.IndexOf(EmbeddingId);
        BinaryPrimitives.WriteSingleLittleEndian(sections.Sections[index].Body.AsSpan(12 + (4 * 7)), float.NaN);

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("Expected finite weights; found NaN at row 1, column 2", message, StringComparison.Ordinal);
        Assert.Contains("embedding table", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Int8MinusOneTwentyEightOrNegativeScale_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model(int8: true)));
        int index = sections.IndexOf(EmbeddingId);
        byte[] body = sections.Sections[index].Body;
        body[^1] = 0x80;
        Assert.Contains("found -128", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);

        sections = SectionList.Parse(ModelFile.ToBytes(Model(int8: true)));
        BinaryPrimitives.WriteSingleLittleEndian(sections.Sections[index].Body.AsSpan(12 + 4), -1f);
        Assert.Contains("Expected a finite, non-negative scale; found -1 for row 1", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableTwice_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        int index = sections.IndexOf(EmbeddingId);
        sections.Sections.Insert(index, sections.Sections[index]);

        Assert.Contains("expected this section at most once", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableAfterALayer_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        int index = sections.IndexOf(EmbeddingId);
        var table = sections.Sections[index];
        sections.Sections.RemoveAt(index);
        sections.Sections.Insert(index + 1, table);

        Assert.Contains("expected the embedding table section before the first recurrent layer section", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableWidthNotLayerInput_SaysTheSectionsDoNotFit()
    {
        var table = SectionList.Parse(ModelFile.ToBytes(EmbeddingModels.Create(CellKind.Lstm, 9, 4, 6, 2, seed: 8))).Sections[2];
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        sections.Sections[sections.IndexOf(EmbeddingId)] = table;

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("do not fit together", message, StringComparison.Ordinal);
        Assert.Contains("Expected layer 0 input size 4 (the embedding's width); found 5", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TableTruncated_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Model()));
        int index = sections.IndexOf(EmbeddingId);
        var (id, flags, body) = sections.Sections[index];
        sections.Sections[index] = (id, flags, body[..^4]);

        Assert.Contains("bytes of Float32 rows for an embedding table of 9 tokens × 5; found 176", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);
    }
}
