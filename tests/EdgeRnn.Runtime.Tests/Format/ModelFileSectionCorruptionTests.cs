using System.Buffers.Binary;
using System.Text;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class ModelFileSectionCorruptionTests
{
    private const uint LayerId = 3;
    private const uint HeadId = 4;

    private static byte[] ValidFile(bool int8 = false) => ModelFile.ToBytes(ModelFiles.Small(CellKind.Lstm, int8));

    [Theory]
    [InlineData(8, 0xFFFFFFFFu, "expected the hidden size in [1, 8192]; found 4294967295")]
    [InlineData(4, 0u, "expected the input size in [1, 8192]; found 0")]
    [InlineData(0, 9u, "expected the cell kind (0 RnnTanh, 1 RnnRelu, 2 Lstm, 3 Gru) in [0, 3]; found 9")]
    [InlineData(12, 2u, "expected the weight storage (0 float32, 1 int8) in [0, 1]; found 2")]
    [InlineData(8, 8192u, "bytes of biases and weights for a Lstm layer with input size 3, hidden size 8192")]
    public void Read_AbsurdLayerField_NamesSectionFieldAndValue(int fieldOffset, uint value, string expected)
    {
        var sections = SectionList.Parse(ValidFile());
        int layer = sections.IndexOf(LayerId);
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[layer].Body.AsSpan(fieldOffset), value);

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains($"section {layer} (recurrent layer, from offset", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SectionLengthPastTheEnd_Refused()
    {
        byte[] file = ValidFile();
        int offset = ModelFiles.SectionOffset(file, 1);
        BinaryPrimitives.WriteUInt64LittleEndian(file.AsSpan(offset + 8), 1UL << 40);

        string message = ModelFiles.Refused(ModelFiles.Reseal(file));

        Assert.Contains("section 1 (input normalisation, from offset", message, StringComparison.Ordinal);
        Assert.Contains("found 1099511627776", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNWeight_SaysFiniteAndWhere()
    {
        var sections = SectionList.Parse(ValidFile());
        int layer = sections.IndexOf(LayerId);
        BinaryPrimitives.WriteSingleLittleEndian(sections.Sections[layer].Body.AsSpan(16 + (8 * 20) + 4), float.NaN);

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("Expected finite weights; found NaN at row 0, column 1", message, StringComparison.Ordinal);
        Assert.Contains("recurrent layer", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Int8MinusOneTwentyEight_Refused()
    {
        var sections = SectionList.Parse(ValidFile(int8: true));
        int head = sections.IndexOf(HeadId);
        byte[] body = sections.Sections[head].Body;
        body[^1] = 0x80;

        Assert.Contains("found -128", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownOptionalSection_Skipped()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.RnnTanh, int8: true);
        var sections = SectionList.Parse(ModelFile.ToBytes(model));
        sections.Sections.Insert(3, (99, 0, Encoding.UTF8.GetBytes("a future extension")));

        Model.ModelAssert.Equal(model, ModelFile.Read(sections.ToFile(), out _));
    }

    [Fact]
    public void Read_UnknownRequiredSection_SaysNewerReaderNeeded()
    {
        var sections = SectionList.Parse(ValidFile());
        sections.Sections.Add((99, 1, new byte[10]));

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("unknown (id 99)", message, StringComparison.Ordinal);
        Assert.Contains("marked required", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SectionsInAnotherOrder_Loads()
    {
        ModelDefinition model = ModelFiles.Small(CellKind.Gru, int8: false, layers: 2);
        var sections = SectionList.Parse(ModelFile.ToBytes(model));
        var head = sections.Sections[sections.IndexOf(HeadId)];
        sections.Sections.Remove(head);
        sections.Sections.Insert(0, head);
        sections.Sections.Add(sections.Sections[1]);
        sections.Sections.RemoveAt(1);

        ModelDefinition read = ModelFile.Read(sections.ToFile(), out _);

        Assert.Equal(HeadId, sections.Sections[0].Id);
        Assert.Equal(1u, sections.Sections[^1].Id);
        Model.ModelAssert.Equal(model, read);
    }

    [Fact]
    public void Read_DuplicateHead_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        sections.Sections.Add(sections.Sections[sections.IndexOf(HeadId)]);

        Assert.Contains("at most once", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FiveLayers_Refused()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(ModelFiles.Small(CellKind.Gru, int8: false, layers: 4)));
        sections.Sections.Insert(sections.IndexOf(LayerId), sections.Sections[sections.IndexOf(LayerId) + 1]);

        Assert.Contains("at most 4 recurrent layer sections", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NoHead_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        sections.Sections.RemoveAt(sections.IndexOf(HeadId));

        Assert.Contains("expected a head section; found none", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LayerDropped_SaysSectionsDoNotFit()
    {
        var sections = SectionList.Parse(ValidFile());
        sections.Sections.RemoveAt(sections.IndexOf(LayerId));

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("do not fit together", message, StringComparison.Ordinal);
        Assert.Contains("input normalisation channels", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonZeroPadding_Refused()
    {
        byte[] file = ValidFile();
        int next = ModelFiles.SectionOffset(file, 1);
        file[next - 1] = 0x5A;

        Assert.Contains("expected zero padding; found 0x5A", ModelFiles.Refused(ModelFiles.Reseal(file)), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidUtf8FeatureName_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        byte[] body = sections.Sections[0].Body;
        body[8 + 4 + 4 + 4] = 0xFF;

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("feature name 0 as valid UTF-8", message, StringComparison.Ordinal);
        Assert.Contains("section 0 (metadata, from offset 64), byte", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StringLongerThanItsSection_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[0].Body.AsSpan(8 + 4 + 4), 1_000_000);

        Assert.Contains("bytes for feature name 0", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeCount_RefusedBeforeAllocating()
    {
        var sections = SectionList.Parse(ValidFile());
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[0].Body.AsSpan(8 + 4), 8000);

        Assert.Contains("feature name count is 8000, which needs at least 32000 more bytes", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeStd_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        byte[] body = sections.Sections[1].Body;
        BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(4 + (3 * 4)), -2f);

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("Expected a positive standard deviation; found -2 for channel 0", message, StringComparison.Ordinal);
        Assert.Contains("section 1 (input normalisation, from offset", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownTask_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[0].Body.AsSpan(8), 7);

        Assert.Contains("byte 88: expected the task (0 Forecast, 1 Classify, 2 Label, 3 Text, 4 Reconstruct) in [0, 4]; found 7", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeSamplePeriod_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        BinaryPrimitives.WriteDoubleLittleEndian(sections.Sections[0].Body, -0.5);

        Assert.Contains("expected a finite, non-negative sample period in seconds; found -0.5", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThresholdAboveOne_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        int scoring = sections.IndexOf(6);
        BinaryPrimitives.WriteSingleLittleEndian(sections.Sections[scoring].Body.AsSpan(8), 1.5f);

        string message = ModelFiles.Refused(sections.ToFile());

        Assert.Contains("(scoring, from offset", message, StringComparison.Ordinal);
        Assert.Contains("Expected a scoring threshold in [0, 1]; found 1.5", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ErrorStdsNotOnePerOutput_Refused()
    {
        var sections = SectionList.Parse(ValidFile());
        int scoring = sections.IndexOf(6);
        byte[] body = sections.Sections[scoring].Body;
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(12), 1);
        sections.Sections[scoring] = (6, 1, body[..^4]);

        Assert.Contains("Expected 0 or 2 scoring error stds (one per output); found 1", ModelFiles.Refused(sections.ToFile()), StringComparison.Ordinal);
    }
}
