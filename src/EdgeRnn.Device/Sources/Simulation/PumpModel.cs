namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>
/// A deterministic centrifugal pump: it runs for about 12 s and rests for about 6 s (each phase ±20 %, drawn from the seed),
/// spinning up and down with a 0.5 s time constant. Channels: vibration RMS (mm/s), temperature (°C, first order towards
/// 38 + 24 × speed with a 40 s time constant) and motor current (A), each with Gaussian noise. Faults are laid on top
/// without touching the base random stream, so a run with faults equals the same seed without them outside the faults.
/// </summary>
internal sealed class PumpModel
{
    /// <summary>The channel count.</summary>
    public const int Channels = 3;

    private const double OnSeconds = 12;
    private const double OffSeconds = 6;
    private const double SpinTimeConstant = 0.5;
    private const double ThermalTimeConstant = 40;
    private const ulong FaultStream = 0x2545F4914F6CDD1DUL;

    private static readonly float[] SpikeHeight = [8f, 15f, 12f];
    private static readonly float[] DriftHeight = [2f, 12f, 4f];
    private static readonly float[] BurstNoise = [0.8f, 0.5f, 0.8f];

    private readonly Pcg32 _random;
    private readonly Pcg32 _faultRandom;
    private readonly double _dt;
    private readonly PumpFault[] _faults;
    private readonly float[] _lastOutput = new float[Channels];
    private bool _running;
    private double _phaseLeft;
    private double _speed;
    private double _temperature = 40;

    /// <summary>Creates a pump.</summary>
    /// <param name="seed">The seed; equal seeds give equal samples.</param>
    /// <param name="rate">Samples per second, above 0.</param>
    /// <param name="faults">Faults to inject.</param>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not above 0.</exception>
    public PumpModel(ulong seed, double rate, IReadOnlyList<PumpFault> faults)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rate);
        ArgumentNullException.ThrowIfNull(faults);
        _random = new Pcg32(seed);
        _faultRandom = new Pcg32(seed, FaultStream);
        _dt = 1.0 / rate;
        _faults = [.. faults];
        _running = true;
        _phaseLeft = OnSeconds * (0.8 + (0.4 * _random.NextDouble()));
    }

    /// <summary>The channel names, in order.</summary>
    public static IReadOnlyList<string> ChannelNames { get; } = ["vibration_rms", "temperature", "motor_current"];

    /// <summary>The index of the next sample.</summary>
    public long Index { get; private set; }

    /// <summary>The channel of a name ("vibration", "temperature", "current" or the full names) or of an index 0-2.</summary>
    /// <param name="text">The name or index.</param>
    /// <returns>The index, or null when unknown.</returns>
    public static int? ChannelIndex(string text) => text.Trim().ToLowerInvariant() switch
    {
        "0" or "vibration" or "vibration_rms" => 0,
        "1" or "temperature" or "temp" => 1,
        "2" or "current" or "motor_current" => 2,
        _ => null,
    };

    /// <summary>Generates the sample at <see cref="Index"/> and moves on.</summary>
    /// <param name="values">Receives the 3 channel values.</param>
    /// <param name="anomalous">True when a fault affects this sample.</param>
    /// <returns>False when the sample falls in a gap fault (time passed, nothing to emit).</returns>
    public bool Step(Span<float> values, out bool anomalous)
    {
        long index = Index++;
        AdvancePhysics();
        double ripple = Math.Sin(2 * Math.PI * index * _dt / 3.7);
        values[0] = (float)(0.15 + (2.2 * _speed) + (0.25 * _speed * ripple) + (0.06 * _random.NextGaussian()));
        values[1] = (float)(_temperature + (0.03 * _random.NextGaussian()));
        values[2] = (float)(0.2 + (7.0 * _speed) + (0.15 * _speed * Math.Sin(Math.PI * index * _dt))
            + (0.05 * _random.NextGaussian()));

        anomalous = false;
        bool emitted = true;
        foreach (PumpFault fault in _faults)
        {
            if (fault.Covers(index))
            {
                anomalous = true;
                emitted &= fault.Kind != PumpFaultKind.Gap;
                Apply(fault, index, values);
            }
        }

        values[..Channels].CopyTo(_lastOutput);
        return emitted;
    }

    private void AdvancePhysics()
    {
        _phaseLeft -= _dt;
        if (_phaseLeft <= 0)
        {
            _running = !_running;
            _phaseLeft += (_running ? OnSeconds : OffSeconds) * (0.8 + (0.4 * _random.NextDouble()));
        }

        double target = _running ? 1.0 : 0.0;
        _speed += (target - _speed) * (1 - Math.Exp(-_dt / SpinTimeConstant));
        double hot = 38 + (24 * _speed);
        _temperature += (hot - _temperature) * (1 - Math.Exp(-_dt / ThermalTimeConstant));
    }

    private void Apply(PumpFault fault, long index, Span<float> values)
    {
        for (int channel = 0; channel < Channels; channel++)
        {
            if (!fault.Affects(channel))
            {
                continue;
            }

            values[channel] = fault.Kind switch
            {
                PumpFaultKind.Spike => values[channel] + SpikeHeight[channel],
                PumpFaultKind.Drift => values[channel] + (DriftHeight[channel] * (index - fault.Start + 1) / fault.Length),
                PumpFaultKind.Stuck => _lastOutput[channel],
                PumpFaultKind.Dropout => float.NaN,
                PumpFaultKind.Noise => values[channel] + (float)(BurstNoise[channel] * _faultRandom.NextGaussian()),
                _ => values[channel],
            };
        }
    }
}
