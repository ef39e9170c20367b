namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>The result of <see cref="SensorReadRetry.Read"/>.</summary>
/// <param name="Status">Ok, recovered after retries, or faulted.</param>
/// <param name="Attempts">How many reads were tried, 1..retries+1.</param>
/// <param name="ConsecutiveFaults">Faulted reads in a row including this one; 0 once a read succeeds. The pipeline raises a
/// sensor-fault alarm when this reaches its threshold and clears it when it returns to 0.</param>
/// <param name="Error">The last failure of this read; null when it succeeded on the first attempt.</param>
internal readonly record struct SensorReadOutcome(
    SensorReadStatus Status, int Attempts, int ConsecutiveFaults, Exception? Error)
{
    /// <summary>True when the values are real measurements.</summary>
    public bool Succeeded => Status != SensorReadStatus.Faulted;
}
