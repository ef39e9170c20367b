using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Decoding;

public class RnnSequenceDecoderTests
{
    public static TheoryData<CellKind, AttentionKind, bool> Configurations()
    {
        var data = new TheoryData<CellKind, AttentionKind, bool>();
        foreach (var kind in new[] { CellKind.Lstm, CellKind.Gru })
        {
            foreach (var attention in Enum.GetValues<AttentionKind>())
            {
                data.Add(kind, attention, false);
                data.Add(kind, attention, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Run_NormalisedModelWithTargetChannels_MatchesTheFloat64Reference(CellKind kind, AttentionKind attention, bool int8)
    {
        var definition = Decorated(Seq2SeqModels.Random(kind, 5, 17, 2, 2, 6, attention, seed: 7 + (int)attention, width: 6, int8: int8), seed: 3);
        var runner = RnnModel.FromDefinition(definition).CreateSequenceDecoder(40);
        var random = new Random(11);
        foreach (int steps in new[] { 1, 2, 13, 40 })
        {
            float[] window = Window(random, steps, 5);
            var outputs = new float[6 * 2];

            runner.Run(window, outputs);

            double[] expected = Seq2SeqReference.Run(definition, window);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = 1e-4 * Math.Max(1, Math.Abs(expected[i])) * (int8 ? 100 : 1);
                Assert.True(Math.Abs(expected[i] - outputs[i]) <= tolerance, $"{steps} steps, output {i}: expected {expected[i]:R}, found {outputs[i]:R}.");
            }
        }
    }

    [Theory]
    [InlineData(CellKind.Lstm, 32, 1)]
    [InlineData(CellKind.Lstm, 32, 2)]
    [InlineData(CellKind.Gru, 16, 3)]
    [InlineData(CellKind.RnnTanh, 9, 1)]
    public void Run_KernelSizedLayers_MatchTheFloat64Reference(CellKind kind, int hidden, int layers)
    {
        // 32 float LSTM units take the one-kernel step (FloatGemv.Lstm32); 16 GRU units fill one kernel unit exactly.
        var definition = Decorated(Seq2SeqModels.Random(kind, 5, hidden, layers, 2, 7, AttentionKind.Additive, seed: 21, width: 16), seed: 8);
        float[] window = Window(new Random(4), 24, 5);
        var outputs = new float[14];

        RnnModel.FromDefinition(definition).CreateSequenceDecoder(24).Run(window, outputs);

        double[] expected = Seq2SeqReference.Run(definition, window);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - outputs[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"output {i}: expected {expected[i]:R}, found {outputs[i]:R}.");
        }
    }

    [Fact]
    public void Run_NaNInWindow_HoldsTheLastFiniteValueAndNeverReachesAState()
    {
        var definition = Decorated(Seq2SeqModels.Random(CellKind.Lstm, 5, 8, 1, 2, 4, AttentionKind.Additive, seed: 5), seed: 2);
        var runner = RnnModel.FromDefinition(definition).CreateSequenceDecoder(8);
        float[] window = Window(new Random(3), 8, 5);
        float[] held = (float[])window.Clone();
        window[(7 * 5) + 3] = float.NaN;           // a target channel of the last row (LastTargets reads it)
        held[(7 * 5) + 3] = held[(6 * 5) + 3];
        window[(2 * 5) + 1] = float.PositiveInfinity;
        held[(2 * 5) + 1] = held[(1 * 5) + 1];
        window[0] = float.NaN;                     // before any finite value: the mean
        held[0] = definition.InputNormalization.Mean[0];
        var outputs = new float[8];
        var expected = new float[8];

        runner.Run(window, outputs);
        Assert.All(outputs, v => Assert.True(float.IsFinite(v)));
        Assert.All(runner.EncoderHidden(0).ToArray(), v => Assert.True(float.IsFinite(v)));
        runner.Run(held, expected);

        Assert.Equal(expected, outputs);
    }

    [Fact]
    public void Run_LastTargets_ReadsTheMetadataTargetChannelsOfTheLastRow()
    {
        var definition = Decorated(Seq2SeqModels.Random(CellKind.Gru, 5, 8, 1, 2, 3, AttentionKind.Dot, seed: 9), seed: 4);
        Assert.Equal(definition.Metadata.TargetChannels, [3, 1]);
        var runner = RnnModel.FromDefinition(definition).CreateSequenceDecoder(4);
        float[] window = Window(new Random(1), 4, 5);
        var before = new float[6];
        var after = new float[6];
        runner.Run(window, before);

        window[(3 * 5) + 3] += 0.5f;   // a target channel: changes the start as well as the encoder's input
        runner.Run(window, after);
        Assert.NotEqual(before, after);
        Assert.Equal(Seq2SeqReference.Run(definition, window).Select(v => (float)v), after, (a, b) => Math.Abs(a - b) <= 1e-4f);
    }

    [Fact]
    public void Run_BadLengths_SayExpectedAndFound()
    {
        var runner = RnnModel.FromDefinition(Seq2SeqModels.Random(CellKind.Lstm, 3, 4, 1, 2, 5, AttentionKind.None, seed: 1)).CreateSequenceDecoder(4);

        Assert.Contains("whole number of rows of 3; found 7", Assert.Throws<ArgumentException>(() => runner.Run(new float[7], new float[10])).Message, StringComparison.Ordinal);
        Assert.Contains("found 0", Assert.Throws<ArgumentException>(() => runner.Run([], new float[10])).Message, StringComparison.Ordinal);
        Assert.Contains("found 15", Assert.Throws<ArgumentException>(() => runner.Run(new float[15], new float[10])).Message, StringComparison.Ordinal);
        Assert.Contains("Expected outputs of length 10; found 8", Assert.Throws<ArgumentException>(() => runner.Run(new float[6], new float[8])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OutOfRangeWindowOrModelWithoutDecoder_Throws()
    {
        var model = RnnModel.FromDefinition(Seq2SeqModels.Random(CellKind.Lstm, 3, 4, 1, 2, 5, AttentionKind.None, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateSequenceDecoder(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.CreateSequenceDecoder(RnnWindow.MaxWindow + 1));
        var plain = RnnModel.FromDefinition(TestModels.Random(CellKind.Lstm, 3, 4, 1, 2, seed: 1));
        Assert.Contains("found a model without a decoder", Assert.Throws<NotSupportedException>(() => plain.CreateSequenceDecoder(4)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepApis_SequenceToSequenceModel_RefuseWithTheWayToRunIt()
    {
        var model = RnnModel.FromDefinition(Seq2SeqModels.Random(CellKind.Gru, 3, 4, 1, 2, 5, AttentionKind.Dot, seed: 1));

        Assert.Contains("CreateSequenceDecoder", Assert.Throws<NotSupportedException>(() => model.CreateState()).Message, StringComparison.Ordinal);
        Assert.Contains("CreateSequenceDecoder", Assert.Throws<NotSupportedException>(() => model.CreateBatch(2)).Message, StringComparison.Ordinal);
        Assert.Contains("CreateSequenceDecoder", Assert.Throws<NotSupportedException>(() => model.CreateWindow(4)).Message, StringComparison.Ordinal);
    }

    internal static float[] Window(Random random, int steps, int inputs) =>
        Enumerable.Range(0, steps * inputs).Select(_ => (float)((random.NextDouble() * 6) - 1)).ToArray();

    /// <summary>Non-identity input and output normalisation, and target channels 3 and 1 (the first output reads channel 3).</summary>
    internal static ModelDefinition Decorated(ModelDefinition definition, int seed)
    {
        var random = new Random(seed);
        int inputs = definition.InputSize;
        int outputs = definition.OutputSize;
        float[] Values(int n, double low, double high) => Enumerable.Range(0, n).Select(_ => (float)(low + (random.NextDouble() * (high - low)))).ToArray();
        return definition.With(
            metadata: new ModelMetadata { TargetChannels = new[] { 3, 1 }.Take(outputs).ToArray(), Task = ModelTask.Forecast },
            inputNormalization: new ChannelNormalization(Values(inputs, 0, 3), Values(inputs, 0.5, 3)),
            outputNormalization: new ChannelNormalization(Values(outputs, 0, 3), Values(outputs, 0.5, 3)));
    }
}
