using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Decoding;
using EdgeRnn.Runtime.Tests.Golden;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Format;

public class ModelFileDecoderTests
{
    private const uint DecoderId = 10;

    public static TheoryData<CellKind, AttentionKind, bool> Configurations() => RnnSequenceDecoderTests.Configurations();

    public static TheoryData<string> Golden() => Seq2SeqCase.All();

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Read_WrittenSeq2SeqFile_SameBytesAndSameOutputs(CellKind kind, AttentionKind attention, bool int8)
    {
        var definition = Small(kind, attention, int8, seed: 3);
        byte[] file = ModelFile.ToBytes(definition);

        var read = ModelFile.Read(file, out _);

        Assert.Equal(file, ModelFile.ToBytes(read));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)));
        Assert.Equal(DecoderId, SectionList.Parse(file).Sections[0].Id);
        Assert.Equal(definition.Decoder!.IsQuantized, read.Decoder!.IsQuantized);
        Assert.Equal(Outputs(definition), Outputs(read));
    }

    [Theory]
    [MemberData(nameof(Golden))]
    public void SaveLoad_GoldenCase_BitIdenticalOutputs(string name)
    {
        var golden = Seq2SeqCase.Load(name);
        var model = RnnModel.FromDefinition(golden.Definition);
        using var stream = new MemoryStream();
        model.Save(stream);

        var loaded = RnnModel.Load(stream.ToArray());

        Assert.Equal(model.Checksum, loaded.Checksum);
        var expected = new float[golden.FreeOutput.Length];
        var actual = new float[golden.FreeOutput.Length];
        model.CreateSequenceDecoder(16).Run(golden.Input, expected);
        loaded.CreateSequenceDecoder(16).Run(golden.Input, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ToBytes_ModelWithoutDecoder_StillOlderMinorVersionsWithoutDecoderSection()
    {
        byte[] plain = ModelFile.ToBytes(ModelFiles.Small(CellKind.Lstm, int8: false));
        byte[] bidirectional = ModelFile.ToBytes(GoldenCase.Load("bidi_gru_4x9").Definition);

        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(plain.AsSpan(10)));
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bidirectional.AsSpan(10)));
        Assert.Equal(-1, SectionList.Parse(plain).IndexOf(DecoderId));
        Assert.Equal(-1, SectionList.Parse(bidirectional).IndexOf(DecoderId));
    }

    [Fact]
    public void Read_DecoderSectionUnknownToTheReader_RefusedAsNeedingANewerReader()
    {
        // What a 1.2 reader meets: a required section of an id it does not know, before any other section.
        var sections = SectionList.Parse(ModelFile.ToBytes(Small(CellKind.Gru, AttentionKind.Dot, false, seed: 1)));
        sections.Sections[0] = (12, sections.Sections[0].Flags, sections.Sections[0].Body);

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("section 0 (unknown (id 12)", message, StringComparison.Ordinal);
        Assert.Contains("the file needs a newer EdgeRnn", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0u, "expected the decoder horizon in [1, 4096]; found 0")]
    [InlineData(0, 4097u, "expected the decoder horizon in [1, 4096]; found 4097")]
    [InlineData(4, 2u, "expected the decoder start (0 zeros, 1 last targets) in [0, 1]; found 2")]
    [InlineData(8, 4u, "expected the attention kind (0 none, 1 dot, 2 general, 3 additive) in [0, 3]; found 4")]
    [InlineData(12, 3u, "expected the attention size (0 unless additive) in [0, 0]; found 3")]
    [InlineData(16, 0u, "expected the decoder layer count in [1, 4]; found 0")]
    [InlineData(16, 5u, "expected the decoder layer count in [1, 4]; found 5")]
    [InlineData(20, 9u, "expected the cell kind (0 RnnTanh, 1 RnnRelu, 2 Lstm, 3 Gru) in [0, 3]; found 9")]
    public void Read_AbsurdDecoderField_NamesFieldAndValue(int fieldOffset, uint value, string expected)
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Small(CellKind.Lstm, AttentionKind.General, false, seed: 2)));
        BinaryPrimitives.WriteUInt32LittleEndian(sections.Sections[0].Body.AsSpan(fieldOffset), value);

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("section 0 (decoder", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DecoderNotMatchingTheEncoder_SaysSectionsDoNotFit()
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Small(CellKind.Lstm, AttentionKind.None, false, seed: 2)));
        var gru = SectionList.Parse(ModelFile.ToBytes(Small(CellKind.Gru, AttentionKind.None, false, seed: 2)));
        sections.Sections[0] = gru.Sections[0];

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("do not fit together", message, StringComparison.Ordinal);
        Assert.Contains("Expected the decoder to match the encoder's 2 Lstm layers of hidden size 6", message, StringComparison.Ordinal);
        Assert.Contains("found 2 Gru layers of 6", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonZeroPaddingAfterAnInt8Matrix_Refused()
    {
        // Dot attention: W_c is the body's last field; int8 with H = 5 it is 5 × 10 = 50 values, then two bytes of padding.
        var definition = Seq2SeqModels.Random(CellKind.Gru, 3, 5, 1, 2, 3, AttentionKind.Dot, seed: 4, int8: true);
        var sections = SectionList.Parse(ModelFile.ToBytes(definition));
        byte[] body = sections.Sections[0].Body;
        Assert.Equal(0, body[^1]);
        body[^1] = 7;

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("expected zero padding after attention.combine.weight; found 0x07", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaNInScoreVector_SaysFinite()
    {
        var definition = Seq2SeqModels.Random(CellKind.Lstm, 3, 4, 1, 2, 3, AttentionKind.Additive, seed: 4, width: 3);
        var sections = SectionList.Parse(ModelFile.ToBytes(definition));
        byte[] body = sections.Sections[0].Body;
        int v = body.Length - 4 - (4 * 4 * 8) - (3 * 4);   // before W_c (storage + 4 × 8 floats): the 3 values of v
        BinaryPrimitives.WriteSingleLittleEndian(body.AsSpan(v + 4), float.NaN);

        string message = ModelFiles.Refused(sections.ToFile(minor: 3));

        Assert.Contains("finite", message, StringComparison.Ordinal);
        Assert.Contains("decoder", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_DecoderBodyCutAtEveryLength_RefusedWithModelFormatException(bool int8)
    {
        var sections = SectionList.Parse(ModelFile.ToBytes(Seq2SeqModels.Random(CellKind.Lstm, 2, 3, 2, 1, 2, AttentionKind.Additive, seed: 8, width: 2, int8: int8)));
        byte[] body = sections.Sections[0].Body;
        for (int length = 0; length < body.Length; length++)
        {
            sections.Sections[0] = (DecoderId, 1, body[..length]);
            string message = ModelFiles.Refused(sections.ToFile(minor: 3));
            Assert.Contains("decoder", message, StringComparison.Ordinal);
        }

        sections.Sections[0] = (DecoderId, 1, [.. body, 0, 0, 0, 0]);
        Assert.Contains("expected the section body to end here", ModelFiles.Refused(sections.ToFile(minor: 3)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Read_FileTruncatedAtEveryOffset_Refused(bool reseal)
    {
        byte[] file = ModelFile.ToBytes(Seq2SeqModels.Random(CellKind.Gru, 2, 3, 1, 1, 2, AttentionKind.General, seed: 9, int8: true));
        for (int length = 0; length < file.Length; length++)
        {
            byte[] cut = file[..length];
            Assert.Throws<ModelFormatException>(() => ModelFile.Read(reseal ? ModelFiles.Reseal(cut) : cut, out _));
        }
    }

    [Theory]
    [InlineData(AttentionKind.General, false)]
    [InlineData(AttentionKind.Additive, true)]
    public void Read_EveryDecoderByteFlipped_LoadsOrThrowsModelFormatException(AttentionKind attention, bool int8)
    {
        byte[] file = ModelFile.ToBytes(Seq2SeqModels.Random(CellKind.Lstm, 2, 3, 1, 2, 2, attention, seed: 10, width: 2, int8: int8));
        int end = 64 + 16 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(64 + 8));
        for (int offset = 64; offset < end; offset++)
        {
            foreach (bool resealed in new[] { false, true })
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[offset] ^= 0xA5;
                try
                {
                    ModelFile.Read(resealed ? ModelFiles.Reseal(damaged) : damaged, out _);
                    Assert.True(resealed, $"byte {offset} flipped with stale checksums loaded");
                }
                catch (ModelFormatException ex)
                {
                    Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                }
            }
        }
    }

    [Fact]
    public void Read_RandomlyDamagedSeq2SeqFiles_LoadOrThrowModelFormatException()
    {
        byte[] original = ModelFile.ToBytes(RnnSequenceDecoderTests.Decorated(Seq2SeqModels.Random(CellKind.Lstm, 5, 4, 2, 2, 3, AttentionKind.Additive, seed: 12, width: 3), seed: 1));
        var random = new Random(12);
        for (int iteration = 0; iteration < 1000; iteration++)
        {
            byte[] damaged = ModelFileFuzzTests.Mutate(original, random, out string mutation);
            if (random.Next(2) == 0)
            {
                ModelFiles.Reseal(damaged);
            }

            try
            {
                ModelFile.Read(damaged, out _);
            }
            catch (Exception ex) when (ex is not ModelFormatException)
            {
                Assert.Fail($"iteration {iteration}, {mutation}: expected ModelFormatException; got {ex}");
            }
            catch (ModelFormatException)
            {
            }
        }
    }

    private static ModelDefinition Small(CellKind kind, AttentionKind attention, bool int8, int seed) =>
        RnnSequenceDecoderTests.Decorated(Seq2SeqModels.Random(kind, 5, 6, 2, 2, 4, attention, seed, width: 3, int8: int8), seed);

    private static float[] Outputs(ModelDefinition definition)
    {
        var outputs = new float[definition.Decoder!.Horizon * definition.OutputSize];
        RnnModel.FromDefinition(definition).CreateSequenceDecoder(6).Run(RnnSequenceDecoderTests.Window(new Random(5), 6, definition.InputSize), outputs);
        return outputs;
    }
}
