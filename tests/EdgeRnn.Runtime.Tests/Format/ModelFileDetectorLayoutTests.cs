using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Scoring;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>The detector's sections (models/FORMAT.md §7.6, §7.7) and its saved state (§13.3) at the offsets and sizes the document gives.</summary>
public sealed class ModelFileDetectorLayoutTests
{
    private static readonly LikelihoodParameters Distinct = new()
    {
        ChannelError = ChannelErrorKind.RootMeanSquare,
        Baseline = LikelihoodBaseline.RollingGaussian,
        ShortWindow = 7,
        LongWindow = 90,
        SkipRows = 3,
        FreezeAfterRows = 11,
        MinimumHistory = 13,
        SuppressionRows = 17,
        SpatialWindow = 19,
        ValueWindow = 23,
        ValueShortWindow = 5,
        TwoSided = true,
        LogScale = false,
        MinStdFraction = 0.25,
        MinStd = 0.5,
        RedLikelihood = 0.75,
        YellowLikelihood = 1.25,
        ErrorSquash = 1.5,
        LogErrorOffset = 1.75,
        ZScale = 2.25,
        SpatialTolerance = 2.5,
        SuppressionLevel = 2.75,
        SuppressionFactor = 3.25,
        ReferenceMaximum = 3.5,
    };

    [Fact]
    public void ToBytes_Detector_SectionsVersionAndFieldsAsDocumented()
    {
        var definition = ModelDetectorTests.Detector(timeOfDay: true, changePoints: true, likelihood: Distinct, threshold: 0.625);
        byte[] file = ModelFile.ToBytes(definition);
        var sections = SectionList.Parse(file);

        Assert.Equal(1, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(10)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(ModelFile.ToBytes(WithoutDetector(definition)).AsSpan(10)));
        Assert.Equal([1u, 2, 3, 4, 5, 6, 7, 3, 4, 7, 3, 4, 8], sections.Sections.Select(s => s.Id));
        Assert.All(sections.Sections, s => Assert.Equal(1u, s.Flags));
        var members = sections.Sections.Where(s => s.Id == 7).Select(s => s.Body).ToArray();
        Assert.Equal([1u, 2u], members.Select(b => BinaryPrimitives.ReadUInt32LittleEndian(b)));
        Assert.All(members, b => Assert.Equal(4, b.Length));

        byte[] d = sections.Sections[^1].Body;
        Assert.Equal(168, d.Length);
        uint U(int offset) => BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(offset));
        double F(int offset) => BinaryPrimitives.ReadDoubleLittleEndian(d.AsSpan(offset));
        Assert.Equal(3u, U(0));
        Assert.Equal(3u, U(4));
        Assert.Equal(0.625, F(8));
        Assert.Equal([1u, 0, 7, 90, 3, 11, 13, 17, 19, 23, 5, 1], Enumerable.Range(0, 12).Select(k => U(16 + (4 * k))));
        Assert.Equal([0.25, 0.5, 0.75, 1.25, 1.5, 1.75, 2.25, 2.5, 2.75, 3.25, 3.5], Enumerable.Range(0, 11).Select(k => F(64 + (8 * k))));
        Assert.Equal(5u, U(152));
        Assert.Equal(30u, U(156));
        Assert.Equal(1.5, F(160));
    }

    [Fact]
    public void ToBytes_NoChangePoints_FlagClearAndChangePointFieldsZero()
    {
        byte[] d = SectionList.Parse(ModelFile.ToBytes(ModelDetectorTests.Detector())).Sections[^1].Body;

        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(d.AsSpan(4)));
        Assert.All(d[152..], b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(true, true, 0.05, 23, 19)]
    [InlineData(false, false, 0.0, 0, 0)]
    [InlineData(false, true, 0.05, 0, 0)]
    public void ScoringStateSize_Detector_AsSection13Counts(bool changePoints, bool timeOfDay, double tolerance, int valueWindow, int spatialWindow)
    {
        var likelihood = Distinct with { SpatialTolerance = tolerance, ValueWindow = valueWindow, SpatialWindow = spatialWindow };
        var definition = ModelDetectorTests.Detector(timeOfDay, changePoints, likelihood);
        var detector = new AnomalyDetector(RnnModel.FromDefinition(definition));
        int forecasters = definition.Detector!.Members.Count + 1;
        int outputs = definition.OutputSize;
        static int Window(int n) => 24 + (8 * n);
        static int Range(int n) => 8 + (2 * (16 + (16 * n)));
        int Chain(int n) => Window(n) + Window(likelihood.LongWindow) + 24;
        int likelihoodBytes = 8 + 8 + 4 + Chain(likelihood.ShortWindow)
            + (valueWindow > 0 ? Chain(likelihood.ValueShortWindow) + (outputs * Window(valueWindow)) : 0)
            + (tolerance > 0 ? outputs * Range(spatialWindow) : 0);
        int changePointBytes = changePoints ? Window(5) + Window(30) + 4 : 0;
        int members = definition.Detector.Members.Sum(m => RnnModel.FromDefinition(m).CreateState().SerializedSize);

        int expected = 20 + members + (forecasters * outputs * 4) + (outputs * 4) + likelihoodBytes + changePointBytes + 4;

        Assert.Equal(expected, detector.ScoringStateSize);
    }

    [Fact]
    public void SaveScoringState_Detector_HeaderAndMemberStatesAsDocumented()
    {
        var definition = ModelDetectorTests.Detector(changePoints: true);
        var model = RnnModel.FromDefinition(definition);
        var detector = new AnomalyDetector(model);
        detector.Process([0.5f, 1f]);
        var bytes = new byte[detector.ScoringStateSize];

        detector.SaveScoringState(bytes);

        Assert.Equal("ERSD"u8.ToArray(), bytes[..4]);
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(6)));
        Assert.Equal(bytes.Length, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal(model.Checksum, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12)));
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16)));
        Assert.Equal("ERST"u8.ToArray(), bytes[20..24]);
        Assert.Equal(ModelFile.Checksum(definition.Detector!.Members[0]), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(32)));
        Assert.Equal(Crc32.Compute(bytes.AsSpan(0, bytes.Length - 4)), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)));
    }

    private static ModelDefinition WithoutDetector(ModelDefinition definition) =>
        new(definition.Layers, definition.Head, definition.InputNormalization, definition.OutputNormalization, definition.Metadata, definition.Scoring);
}
