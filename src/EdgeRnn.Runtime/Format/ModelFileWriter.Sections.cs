using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;

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

    private static SectionBodyWriter Layer(RecurrentLayer layer)
    {
        var body = new SectionBodyWriter();
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
}
