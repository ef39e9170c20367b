namespace EdgeRnn.Training.Data;

/// <summary>
/// The split by time: each file's first usable steps train, its last <c>fraction</c> validate. Validation is never
/// empty when the fraction is positive and the file has at least two usable steps.
/// </summary>
internal static class TimeSplit
{
    /// <summary>How many leading steps of a file train.</summary>
    /// <param name="usable">The file's usable steps, ≥ 0.</param>
    /// <param name="validationFraction">In [0, 1).</param>
    /// <returns>The training length; the rest validates.</returns>
    public static int TrainLength(int usable, double validationFraction)
    {
        int validation = (int)Math.Round(usable * validationFraction, MidpointRounding.AwayFromZero);
        if (validationFraction > 0 && validation == 0 && usable > 1)
        {
            validation = 1;
        }

        return usable - validation;
    }
}
