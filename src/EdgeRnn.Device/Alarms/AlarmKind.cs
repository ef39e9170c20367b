using EdgeRnn.Runtime;

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

    /// <summary>The detector found a change point of the prediction error's level (up or down, in <see cref="AlarmEvent.ChangePoint"/>):
    /// reported beside the alarms, it drives no alarm line.</summary>
    ChangePoint,
}

/// <summary>Names of <see cref="AlarmKind"/> values as they appear in logs and JSON lines.</summary>
internal static class AlarmKinds
{
    /// <summary>The lower-case wire name: raised, cleared, sensor_fault, sensor_recovered, change_point.</summary>
    public static string WireName(this AlarmKind kind) => kind switch
    {
        AlarmKind.Raised => "raised",
        AlarmKind.Cleared => "cleared",
        AlarmKind.SensorFault => "sensor_fault",
        AlarmKind.SensorRecovered => "sensor_recovered",
        AlarmKind.ChangePoint => "change_point",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected a defined alarm kind."),
    };

    /// <summary>The lower-case wire name of a change point's direction (JSON lines, metrics labels, the scores file): none, up, down.</summary>
    public static string WireName(this LevelShift shift) => shift switch
    {
        LevelShift.None => "none",
        LevelShift.Up => "up",
        LevelShift.Down => "down",
        _ => throw new ArgumentOutOfRangeException(nameof(shift), shift, "Expected a defined level shift."),
    };

    /// <summary>Whether the event makes an alarm condition active (raised or sensor fault).</summary>
    public static bool IsActivation(this AlarmKind kind) => kind is AlarmKind.Raised or AlarmKind.SensorFault;
}
