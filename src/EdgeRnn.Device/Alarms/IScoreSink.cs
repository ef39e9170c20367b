namespace EdgeRnn.Device.Alarms;

/// <summary>
/// A sink that also takes every sample's anomaly score (the MQTT output's score sensor). Called from the sample loop's thread
/// for each scored sample, so it must neither allocate nor block: store the value and return.
/// </summary>
internal interface IScoreSink
{
    /// <summary>Takes the score of the latest sample.</summary>
    /// <param name="score">The anomaly score, finite, in [0, 1].</param>
    void OnScore(float score);
}
