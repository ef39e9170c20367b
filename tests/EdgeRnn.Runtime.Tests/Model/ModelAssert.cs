using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Model;

/// <summary>Exact, bit-for-bit comparison of two definitions.</summary>
internal static class ModelAssert
{
    public static void Equal(ModelDefinition expected, ModelDefinition actual)
    {
        Assert.Equal(expected.Layers.Count, actual.Layers.Count);
        for (int k = 0; k < expected.Layers.Count; k++)
        {
            RecurrentLayer e = expected.Layers[k];
            RecurrentLayer a = actual.Layers[k];
            Assert.Equal(e.Kind, a.Kind);
            Assert.Equal(e.HiddenSize, a.HiddenSize);
            Equal(e.WeightIh, a.WeightIh);
            Equal(e.WeightHh, a.WeightHh);
            Bits(e.BiasIh, a.BiasIh);
            Bits(e.BiasHh, a.BiasHh);
            Assert.Equal(e.IsBidirectional, a.IsBidirectional);
            if (e.Reverse is { } er && a.Reverse is { } ar)
            {
                Equal(er.WeightIh, ar.WeightIh);
                Equal(er.WeightHh, ar.WeightHh);
                Bits(er.BiasIh, ar.BiasIh);
                Bits(er.BiasHh, ar.BiasHh);
            }
        }

        Assert.Equal(expected.Embedding is null, actual.Embedding is null);
        if (expected.Embedding is { } table)
        {
            Equal(table.Weight, actual.Embedding!.Weight);
        }

        Equal(expected.Head.Weight, actual.Head.Weight);
        Bits(expected.Head.Bias, actual.Head.Bias);
        Bits(expected.InputNormalization.Mean, actual.InputNormalization.Mean);
        Bits(expected.InputNormalization.Std, actual.InputNormalization.Std);
        Bits(expected.OutputNormalization.Mean, actual.OutputNormalization.Mean);
        Bits(expected.OutputNormalization.Std, actual.OutputNormalization.Std);

        Assert.Equal(expected.Metadata.Task, actual.Metadata.Task);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Metadata.SamplePeriodSeconds), BitConverter.DoubleToInt64Bits(actual.Metadata.SamplePeriodSeconds));
        Assert.Equal(expected.Metadata.FeatureNames, actual.Metadata.FeatureNames);
        Assert.Equal(expected.Metadata.TargetChannels, actual.Metadata.TargetChannels);
        Assert.Equal(
            expected.Metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal),
            actual.Metadata.Properties.OrderBy(p => p.Key, StringComparer.Ordinal));

        Assert.Equal(expected.Scoring.LongWindow, actual.Scoring.LongWindow);
        Assert.Equal(expected.Scoring.ShortWindow, actual.Scoring.ShortWindow);
        Assert.Equal(BitConverter.SingleToInt32Bits(expected.Scoring.Threshold), BitConverter.SingleToInt32Bits(actual.Scoring.Threshold));
        Bits(expected.Scoring.ErrorStd.ToArray(), actual.Scoring.ErrorStd.ToArray());
    }

    public static void Equal(WeightMatrix expected, WeightMatrix actual)
    {
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Cols, actual.Cols);
        Assert.Equal(expected.IsQuantized, actual.IsQuantized);
        Bits(expected.Values, actual.Values);
        Assert.True(expected.Quantized.SequenceEqual(actual.Quantized), "int8 values differ");
        Bits(expected.RowScales, actual.RowScales);
    }

    private static void Bits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"Value {i}: expected {expected[i]:R}, found {actual[i]:R}.");
            }
        }
    }
}
