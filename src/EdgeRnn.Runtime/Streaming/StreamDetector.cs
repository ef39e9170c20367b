using EdgeRnn.Runtime.Streaming;

namespace EdgeRnn.Runtime;

/// <summary>
/// One stream's per-sample path, as <c>edgernn-device run</c> and the benchmarks take it: the source's channels → the
/// detector's sample values (<see cref="ChannelMap"/>, by name or in order) → with the sample's timestamp, forecast, error,
/// score and change point (<see cref="AnomalyDetector"/>) → the alarm decision (<see cref="AlarmPolicy"/>). Allocates
/// nothing per sample once bound. Not thread-safe: one per stream.
/// </summary>
/// <example>
/// <code>
/// var stream = new StreamDetector(new AnomalyDetector(RnnModel.Load("pump.ernn")));
/// stream.Bind(["vibration_rms", "temperature", "motor_current"]);   // the source's channel names
/// StreamStep step = stream.Process(values, timestamp);
/// if (step.Transition == AlarmTransition.Raised) { /* raise the line */ }
/// </code>
/// </example>
public sealed class StreamDetector
{
    private readonly float[] _input;

    /// <summary>Creates the path with the alarm policy the detector's model calls for (<see cref="AlarmPolicyOptions.For"/>).</summary>
    /// <param name="detector">The detector, its state possibly restored.</param>
    public StreamDetector(AnomalyDetector detector)
        : this(detector, new AlarmPolicy(AlarmPolicyOptions.For(detector), detector.Threshold))
    {
    }

    /// <summary>Creates the path.</summary>
    /// <param name="detector">The detector, its state possibly restored.</param>
    /// <param name="policy">The alarm decision.</param>
    public StreamDetector(AnomalyDetector detector, AlarmPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(policy);
        Detector = detector;
        Policy = policy;
        _input = new float[detector.SampleSize];
    }

    /// <summary>The detector.</summary>
    public AnomalyDetector Detector { get; }

    /// <summary>The alarm decision.</summary>
    public AlarmPolicy Policy { get; }

    /// <summary>The names of the values the detector takes per sample (<see cref="AnomalyDetector.SampleNames"/>); the rest
    /// of the model's inputs are covariates derived from the timestamp.</summary>
    public IReadOnlyList<string> SampleNames => Detector.SampleNames;

    /// <summary>Which source channel feeds each sample value, once <see cref="Bind(IReadOnlyList{string})"/> ran; null before.</summary>
    public ChannelMap? Map { get; private set; }

    /// <summary>The last sample's values in the detector's order, as given (before the detector holds invalid values).</summary>
    public ReadOnlySpan<float> Input => _input;

    /// <summary>Maps the source's channels onto <see cref="SampleNames"/>: by name when the source names them all, else in
    /// order when the counts agree.</summary>
    /// <param name="sourceNames">The source's channel names, one per channel.</param>
    /// <returns>The map (its <see cref="ChannelMap.Note"/> says when channels are taken in order, not by name).</returns>
    /// <exception cref="InvalidDataException">The source neither names every sample value nor has their count.</exception>
    public ChannelMap Bind(IReadOnlyList<string> sourceNames)
    {
        ArgumentNullException.ThrowIfNull(sourceNames);
        return Bind(sourceNames, sourceNames.Count);
    }

    /// <summary>Maps a source with <paramref name="sourceCount"/> channels onto <see cref="SampleNames"/> (see <see cref="Bind(IReadOnlyList{string})"/>).</summary>
    /// <param name="sourceNames">The source's channel names; generic or fewer than <paramref name="sourceCount"/> when it has none.</param>
    /// <param name="sourceCount">The source's channel count.</param>
    /// <returns>The map.</returns>
    /// <exception cref="InvalidDataException">The source neither names every sample value nor has their count.</exception>
    public ChannelMap Bind(IReadOnlyList<string> sourceNames, int sourceCount)
    {
        Map = ChannelMap.Create(SampleNames, sourceNames, sourceCount);
        return Map;
    }

    /// <summary>Takes one sample: maps it, scores it and updates the alarm decision.</summary>
    /// <param name="source">One value per source channel (<see cref="ChannelMap.SourceCount"/>).</param>
    /// <param name="timestamp">When the sample was taken.</param>
    /// <returns>The detector's score and what the sample did to the alarm.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Bind(IReadOnlyList{string})"/> has not run.</exception>
    /// <exception cref="ArgumentException">The sample does not have the bound source's channel count.</exception>
    public StreamStep Process(ReadOnlySpan<float> source, DateTime timestamp)
    {
        ChannelMap map = Map ?? throw new InvalidOperationException("Expected Bind before the first sample; found no channel map.");
        if (source.Length != map.SourceCount)
        {
            throw new ArgumentException($"Expected {map.SourceCount} values (the bound source's channels); found {source.Length}.", nameof(source));
        }

        map.Apply(source, _input);
        AnomalyScore score = Detector.Process(_input, timestamp);
        return new StreamStep(score, Policy.Update(score.Score, score.IsWarm));
    }
}

/// <summary>What one sample did on a <see cref="StreamDetector"/>.</summary>
/// <param name="Score">The detector's error, score, threshold decision, warm-up and change point for the sample.</param>
/// <param name="Transition">Whether the sample raised or cleared the alarm.</param>
public readonly record struct StreamStep(AnomalyScore Score, AlarmTransition Transition);
