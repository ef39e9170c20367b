using EdgeRnn.Device.Alarms;
using EdgeRnn.Device.Framing;
using EdgeRnn.Device.Samples;
using EdgeRnn.Device.Sources;
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Tests.Pipeline;

public class SamplePipelineTests
{
    [Fact]
    public async Task RunAsync_NaNForLongerThanTheFaultLimit_StateStaysFiniteAndSensorFaultComesAndGoes()
    {
        var samples = Enumerable.Range(0, 300).Select(i => new[] { MathF.Sin(i * 0.1f), i is >= 100 and < 130 ? float.NaN : 0.5f, i is 150 ? float.PositiveInfinity : 1f });
        await using var source = new ListSource(["a", "b", "c"], samples);
        using var parts = new PipelineParts(source, faultSamples: 10);

        Assert.True(await parts.Pipeline.RunAsync(0, CancellationToken.None));

        Assert.Equal(300, parts.Pipeline.Processed);
        Assert.All(parts.Detector.State.Hidden(0).ToArray(), v => Assert.True(float.IsFinite(v)));
        Assert.All(parts.Detector.State.Cell(0).ToArray(), v => Assert.True(float.IsFinite(v)));
        var faults = parts.Events.Events.Where(e => e.Kind is AlarmKind.SensorFault or AlarmKind.SensorRecovered).ToArray();
        Assert.Equal([AlarmKind.SensorFault, AlarmKind.SensorRecovered], faults.Select(e => e.Kind));
        Assert.Equal(110, faults[0].SampleIndex);
        Assert.Equal(130, faults[1].SampleIndex);
        Assert.Equal("b", faults[0].Channels[0].Name);
        Assert.Equal(1, parts.Metrics.SensorFaults);
    }

    [Fact]
    public async Task RunAsync_SourceChannelsInAnotherOrder_FedToTheModelByName()
    {
        var ordered = Enumerable.Range(0, 50).Select(i => new[] { i * 0.1f, 1f, -1f }).ToArray();
        var shuffled = ordered.Select(s => new[] { s[2], s[0], s[1] }).ToArray();
        await using var first = new ListSource(["a", "b", "c"], ordered);
        await using var second = new ListSource(["c", "a", "b"], shuffled);
        using var byOrder = new PipelineParts(first);
        using var byName = new PipelineParts(second);

        await byOrder.Pipeline.RunAsync(0, CancellationToken.None);
        await byName.Pipeline.RunAsync(0, CancellationToken.None);

        Assert.Equal(byOrder.Detector.State.Hidden(0).ToArray(), byName.Detector.State.Hidden(0).ToArray());
    }

    [Fact]
    public void Process_SampleWithAnotherChannelCount_SkippedAndCounted()
    {
        using var parts = new PipelineParts(new ListSource(["a", "b", "c"], []));
        var sample = new SampleBuffer(8);
        sample.Begin(3).Fill(1f);
        sample.End();
        parts.Pipeline.Process(sample);
        sample.Begin(4).Fill(1f);
        sample.End();

        parts.Pipeline.Process(sample);

        Assert.Equal(1, parts.Pipeline.Processed);
        Assert.Equal(1, parts.Pipeline.Skipped);
    }

    [Fact]
    public async Task RunAsync_MaxSamples_StopsThere()
    {
        await using var source = new ListSource(["a", "b", "c"], Enumerable.Range(0, 100).Select(_ => new[] { 1f, 2f, 3f }));
        using var parts = new PipelineParts(source);

        Assert.True(await parts.Pipeline.RunAsync(40, CancellationToken.None));

        Assert.Equal(40, parts.Pipeline.Processed);
        Assert.Equal(40, parts.Metrics.Samples);
    }

    [Fact]
    public async Task RunAsync_Cancelled_ReturnsFalseWithoutThrowing()
    {
        await using ISampleSource source = await SampleSources.OpenAsync(SourceSpec.Parse("sim:pump?rate=100&speed=1"), new SourceOptions(), TextWriter.Null, CancellationToken.None);
        var model = Persistence.SmallModels.Forecaster(names: ["vibration_rms", "temperature", "motor_current"]);
        using var parts = new PipelineParts(source, model);
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.False(await parts.Pipeline.RunAsync(0, stop.Token));
        Assert.InRange(parts.Pipeline.Processed, 1, 1000);
    }

    [Fact]
    public void Process_FirstSampleDoesNotFitTheModel_ThrowsInvalidData()
    {
        using var parts = new PipelineParts(new ListSource(["x", "y"], []));
        var sample = new SampleBuffer(8);
        sample.Begin(2).Fill(1f);
        sample.End();

        var e = Assert.Throws<InvalidDataException>(() => parts.Pipeline.Process(sample));
        Assert.Contains("found 2 channels (x, y)", e.Message, StringComparison.Ordinal);
    }
}
