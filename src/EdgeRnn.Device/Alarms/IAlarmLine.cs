namespace EdgeRnn.Device.Alarms;

/// <summary>An output line that signals an active alarm (a GPIO line on the board, a fake in tests).</summary>
internal interface IAlarmLine
{
    /// <summary>Drives the line: active or inactive (the implementation maps this to a level, active-high or active-low).</summary>
    /// <param name="active">Whether an alarm is active.</param>
    /// <exception cref="IOException">The line could not be driven.</exception>
    void Set(bool active);
}
