namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>A fault the simulated pump can be told to show.</summary>
internal enum PumpFaultKind
{
    /// <summary>A short jump up (default 3 samples on vibration).</summary>
    Spike,

    /// <summary>An offset growing linearly over the fault (default 1000 samples on temperature).</summary>
    Drift,

    /// <summary>The value frozen at its last reading before the fault (default 300 samples on motor current).</summary>
    Stuck,

    /// <summary>NaN readings (default 50 samples on every channel).</summary>
    Dropout,

    /// <summary>Strong extra noise (default 200 samples on every channel).</summary>
    Noise,

    /// <summary>Missing samples: time passes, nothing is emitted (default 100 samples).</summary>
    Gap,
}
