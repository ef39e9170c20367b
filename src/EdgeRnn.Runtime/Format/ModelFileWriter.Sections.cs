using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Format;

/// <summary>The section bodies, mirroring <see cref="ModelFileReader"/>.</summary>
internal static partial class ModelFileWriter
{
    private static SectionBodyWriter Metadata(ModelMetadata metadata)
    {
        var body = new SectionBodyWriter();
        body.WriteDouble(metadata.SamplePeriodSeconds);
        body.WriteUInt32((uint)metadata.Task);
        body.WriteInt32(metadata.FeatureNames.Count);
        foreach (string name in metadata.FeatureNames)
        {
            body.WriteString(name);
        }

        body.WriteInt32(metadata.TargetChannels.Count);
        foreach (int channel in metadata.TargetChannels)
        {
            body.WriteInt32(channel);
        }

        var properties = new List<(byte[] Key, byte[] Value)>(metadata.Properties.Count);
        foreach (var pair in metadata.Properties)
        {
            properties.Add((SectionBodyWriter.Encode(pair.Key), SectionBodyWriter.Encode(pair.Value)));
        }

        properties.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));
        body.WriteInt32(properties.Count);
        foreach (var (key, value) in properties)
        {
            body.WriteUtf8(key);
            body.WriteUtf8(value);
        }

        return body;
    }

    private static SectionBodyWriter Normalization(ChannelNormalization normalization)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(normalization.Count);
        body.WriteSingles(normalization.Mean);
        body.WriteSingles(normalization.Std);
        return body;
    }

    private static SectionBodyWriter Layer(RecurrentLayer layer, SectionBodyWriter? into = null)
    {
        var body = into ?? new SectionBodyWriter();
        body.WriteUInt32((uint)layer.Kind);
        body.WriteInt32(layer.InputSize);
        body.WriteInt32(layer.HiddenSize);
        body.WriteUInt32((uint)(layer.IsQuantized ? WeightStorage.Int8 : WeightStorage.Float32));
        body.WriteSingles(layer.BiasIh);
        body.WriteSingles(layer.BiasHh);
        if (layer.IsQuantized)
        {
            body.WriteSingles(layer.WeightIh.RowScales);
            body.WriteSingles(layer.WeightHh.RowScales);
            body.WriteSBytes(layer.WeightIh.Quantized);
            body.WriteSBytes(layer.WeightHh.Quantized);
        }
        else
        {
            body.WriteSingles(layer.WeightIh.Values);
            body.WriteSingles(layer.WeightHh.Values);
        }

        return body;
    }

    private static SectionBodyWriter Head(DenseLayer head)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(head.OutputSize);
        body.WriteInt32(head.InputSize);
        body.WriteUInt32((uint)(head.Weight.IsQuantized ? WeightStorage.Int8 : WeightStorage.Float32));
        body.WriteSingles(head.Bias);
        if (head.Weight.IsQuantized)
        {
            body.WriteSingles(head.Weight.RowScales);
            body.WriteSBytes(head.Weight.Quantized);
        }
        else
        {
            body.WriteSingles(head.Weight.Values);
        }

        return body;
    }

    private static SectionBodyWriter Scoring(ScoringParameters scoring)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(scoring.LongWindow);
        body.WriteInt32(scoring.ShortWindow);
        body.WriteSingle(scoring.Threshold);
        body.WriteInt32(scoring.ErrorStd.Count);
        body.WriteSingles(scoring.ErrorStd);
        return body;
    }

    private static SectionBodyWriter Member(int index)
    {
        var body = new SectionBodyWriter();
        body.WriteInt32(index);
        return body;
    }

    private static SectionBodyWriter Detector(DetectorDefinition detector)
    {
        var l = detector.Likelihood;
        var body = new SectionBodyWriter();
        body.WriteInt32(detector.Members.Count + 1);
        body.WriteUInt32((detector.TimeOfDay ? DetectorFlagTimeOfDay : 0u) | (detector.ChangePoints is null ? 0u : DetectorFlagChangePoints));
        body.WriteDouble(detector.Threshold);
        body.WriteUInt32((uint)l.ChannelError);
        body.WriteUInt32((uint)l.Baseline);
        body.WriteInt32(l.ShortWindow);
        body.WriteInt32(l.LongWindow);
        body.WriteInt32(l.SkipRows);
        body.WriteInt32(l.FreezeAfterRows);
        body.WriteInt32(l.MinimumHistory);
        body.WriteInt32(l.SuppressionRows);
        body.WriteInt32(l.SpatialWindow);
        body.WriteInt32(l.ValueWindow);
        body.WriteInt32(l.ValueShortWindow);
        body.WriteUInt32((l.TwoSided ? 1u : 0u) | (l.LogScale ? 2u : 0u));
        foreach (double value in DetectorDoubles(l))
        {
            body.WriteDouble(value);
        }

        var c = detector.ChangePoints ?? new ChangePointParameters { RecentRows = 0, ReferenceRows = 0, Ratio = 0 };
        body.WriteInt32(c.RecentRows);
        body.WriteInt32(c.ReferenceRows);
        body.WriteDouble(c.Ratio);
        return body;
    }

    /// <summary>The likelihood's real-valued settings in the order the detector section stores them.</summary>
    internal static double[] DetectorDoubles(LikelihoodParameters l) =>
        [l.MinStdFraction, l.MinStd, l.RedLikelihood, l.YellowLikelihood, l.ErrorSquash, l.LogErrorOffset, l.ZScale, l.SpatialTolerance, l.SuppressionLevel, l.SuppressionFactor, l.ReferenceMaximum];

    /// <summary>Detector flag bit 0: the model's last two inputs are the time of day.</summary>
    internal const uint DetectorFlagTimeOfDay = 1;

    /// <summary>Detector flag bit 1: change points are reported.</summary>
    internal const uint DetectorFlagChangePoints = 2;
}
