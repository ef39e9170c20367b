namespace EdgeRnn.Device.Alarms;

/// <summary>
/// Where alarm events go (console, JSON lines, an output line, metrics). Events are rare, so a sink may allocate; it is
/// called from the sample loop's thread only.
/// </summary>
internal interface IAlarmSink : IDisposable
{
    /// <summary>Handles one event.</summary>
    /// <param name="alarm">The event.</param>
    /// <exception cref="IOException">The output failed; the caller logs it and carries on.</exception>
    void OnEvent(in AlarmEvent alarm);

    /// <summary>Pushes anything buffered to its destination.</summary>
    void Flush();
}
