namespace EdgeRnn.Training;

/// <summary>What a forecasting model carries to detect anomalies (<c>edgernn train --detector</c>).</summary>
public enum DetectorKind
{
    /// <summary>
    /// The ensemble with HTM's anomaly likelihood, which keeps learning what is usual from the stream itself (the settings
    /// of <c>bench-nab</c>): for streams with no known-normal period; threshold calibrated on validation.
    /// </summary>
    Adaptive,

    /// <summary>
    /// The ensemble with a control limit: the model learns the first 3/4 of the training rows, the last 1/4 (normal
    /// operation it did not learn) sets the largest usual error, and an alarm is due at
    /// <see cref="RnnTrainingOptions.AlarmRatio"/> times it (the settings of <c>bench-skab</c>): for machines recorded in
    /// normal operation.
    /// </summary>
    Reference,

    /// <summary>One model with the Φ rule of <c>ScoringParameters</c> (format 1.0, what train wrote before the detector).</summary>
    Simple,
}
