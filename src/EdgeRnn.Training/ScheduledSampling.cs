namespace EdgeRnn.Training;

/// <summary>
/// How an encoder–decoder's chance of being fed the true value after each decoder step falls over the epochs while it
/// trains (scheduled sampling, Bengio et al. 2015); <see cref="None"/> keeps <see cref="RnnTrainingOptions.TeacherForcing"/>.
/// </summary>
public enum ScheduledSampling
{
    /// <summary>A constant chance, <see cref="RnnTrainingOptions.TeacherForcing"/>.</summary>
    None = 0,

    /// <summary>ε_i = 1 − i / (E − 1) at epoch i of E (0-based): from always the truth to always its own output.</summary>
    Linear = 1,

    /// <summary>ε_i = k / (k + exp(i / k)), k = <see cref="RnnTrainingOptions.ScheduledSamplingK"/> ≥ 1: ε falls to ½ near epoch k·ln k.</summary>
    InverseSigmoid = 2,
}
