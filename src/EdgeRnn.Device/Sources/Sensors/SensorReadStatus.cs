namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>How a guarded sensor read ended.</summary>
internal enum SensorReadStatus
{
    /// <summary>The first attempt succeeded.</summary>
    Ok,

    /// <summary>An attempt failed but a retry succeeded; the values are good.</summary>
    Recovered,

    /// <summary>Every attempt failed; the values are NaN and the pipeline should count a sensor fault.</summary>
    Faulted,
}
