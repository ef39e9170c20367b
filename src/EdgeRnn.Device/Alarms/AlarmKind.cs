namespace EdgeRnn.Device.Alarms;

/// <summary>What an <see cref="AlarmEvent"/> reports.</summary>
internal enum AlarmKind
{
    /// <summary>The anomaly score stayed at or above the raise threshold long enough: the anomaly alarm is now active.</summary>
    Raised,

    /// <summary>The anomaly score stayed below the clear threshold long enough: the anomaly alarm is no longer active.</summary>
    Cleared,

    /// <summary>A channel kept delivering invalid values (NaN, ±∞ or out of range) for too long: its last valid value is being held.</summary>
    SensorFault,

    /// <summary>A faulted channel delivers valid values again.</summary>
    SensorRecovered,
}

/// <summary>Names of <see cref="AlarmKind"/> values as they appear in logs and JSON lines.</summary>
internal static class AlarmKinds
{
    /// <summary>The lower-case wire name: raised, cleared, sensor_fault, sensor_recovered.</summary>
    public static string WireName(this AlarmKind kind) => kind switch
    {
        AlarmKind.Raised => "raised",
        AlarmKind.Cleared => "cleared",
        AlarmKind.SensorFault => "sensor_fault",
        AlarmKind.SensorRecovered => "sensor_recovered",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected a defined alarm kind."),
    };

    /// <summary>Whether the event makes an alarm condition active (raised or sensor fault).</summary>
    public static bool IsActivation(this AlarmKind kind) => kind is AlarmKind.Raised or AlarmKind.SensorFault;
}
