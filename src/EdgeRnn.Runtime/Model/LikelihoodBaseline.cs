namespace EdgeRnn.Runtime.Model;

/// <summary>What the recent error (the short moving average) is compared with.</summary>
public enum LikelihoodBaseline
{
    /// <summary>HTM's anomaly likelihood: the Gaussian tail of the recent error under the last long-window moving averages.</summary>
    RollingGaussian,

    /// <summary>
    /// A control limit: the ratio r of the recent error to the largest moving average of the reference rows
    /// (after <see cref="LikelihoodParameters.SkipRows"/>, up to <see cref="LikelihoodParameters.FreezeAfterRows"/>),
    /// scored r/(1 + r) from the first row after them; 0 before.
    /// </summary>
    TrainingMaximum,
}
