namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>The settings of <c>sim:pump?seed=1&amp;rate=10&amp;count=N&amp;speed=max&amp;fault=spike@600,...</c>.</summary>
internal sealed record PumpSettings
{
    /// <summary>The seed; equal seeds give equal samples.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Samples per second, above 0 (the simulated time step is 1/rate); 10 by default, the rate of the bundled pump recordings and model.</summary>
    public double Rate { get; init; } = 10;

    /// <summary>Sample indices to generate before the source ends (gap faults emit fewer rows), or null for no end.</summary>
    public long? Count { get; init; }

    /// <summary>Pace relative to real time (1 = real time, 10 = ten times faster), or 0 for as fast as possible.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>Faults to inject.</summary>
    public IReadOnlyList<PumpFault> Faults { get; init; } = [];
}
