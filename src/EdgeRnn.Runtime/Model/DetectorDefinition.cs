namespace EdgeRnn.Runtime.Model;

/// <summary>
/// The whole anomaly detector a model file can carry beside its forecasting model: more forecasters of the same shape
/// (an ensemble whose mean forecast is scored), the likelihood that turns the forecast error into a score in [0, 1], the
/// alarm threshold on that score, the change-point rule, and whether the time of day is an input. Written by
/// <c>edgernn train</c>; run by <c>AnomalyDetector</c>.
/// </summary>
/// <remarks>
/// The model that carries the definition is the ensemble's first member; it forecasts its leading
/// <see cref="ModelDefinition.OutputSize"/> inputs one step ahead from raw values (its own normalisation), and with
/// <see cref="TimeOfDay"/> its last two inputs are sin and cos of 2π·(seconds since midnight)/86400 of the sample's timestamp.
/// </remarks>
public sealed class DetectorDefinition
{
    /// <summary>The covariates <see cref="TimeOfDay"/> adds to the model's inputs.</summary>
    public const int TimeOfDayInputs = 2;

    /// <summary>Creates a definition.</summary>
    /// <param name="likelihood">The likelihood settings, windows in samples.</param>
    /// <param name="threshold">The score in [0, 1] at or above which an alarm is due.</param>
    /// <param name="members">The other members of the ensemble (each shaped like the model carrying this definition); empty for one model.</param>
    /// <param name="timeOfDay">Whether the model's last two inputs are the time of day.</param>
    /// <param name="changePoints">The change-point rule, or null for none.</param>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public DetectorDefinition(LikelihoodParameters likelihood, double threshold, IReadOnlyList<ModelDefinition>? members = null, bool timeOfDay = false, ChangePointParameters? changePoints = null)
    {
        ArgumentNullException.ThrowIfNull(likelihood);
        if (!(threshold >= 0 && threshold <= 1))
        {
            throw new ArgumentException($"Expected an alarm threshold in [0, 1]; found {threshold}.", nameof(threshold));
        }

        Likelihood = likelihood;
        Threshold = threshold;
        Members = members?.ToArray() ?? [];
        TimeOfDay = timeOfDay;
        ChangePoints = changePoints;
    }

    /// <summary>The likelihood settings, windows in samples.</summary>
    public LikelihoodParameters Likelihood { get; }

    /// <summary>The score in [0, 1] at or above which an alarm is due.</summary>
    public double Threshold { get; }

    /// <summary>The other members of the ensemble (the model carrying this definition is the first).</summary>
    public IReadOnlyList<ModelDefinition> Members { get; }

    /// <summary>Whether the model's last two inputs are the time of day (sin, cos).</summary>
    public bool TimeOfDay { get; }

    /// <summary>The change-point rule, or null when none is reported.</summary>
    public ChangePointParameters? ChangePoints { get; }

    /// <summary>Writes the time-of-day inputs of a timestamp: sin and cos of 2π·(seconds since midnight)/86400.</summary>
    /// <param name="timestamp">The sample's timestamp (its clock time as given, whatever its kind).</param>
    /// <param name="destination">At least <see cref="TimeOfDayInputs"/> values.</param>
    public static void WriteTimeOfDay(DateTime timestamp, Span<float> destination)
    {
        double phase = 2 * Math.PI * timestamp.TimeOfDay.TotalSeconds / 86400.0;
        destination[0] = (float)Math.Sin(phase);
        destination[1] = (float)Math.Cos(phase);
    }

    /// <summary>A copy with another threshold.</summary>
    /// <param name="threshold">In [0, 1].</param>
    /// <returns>The new definition, the rest shared.</returns>
    public DetectorDefinition WithThreshold(double threshold) => new(Likelihood, threshold, Members, TimeOfDay, ChangePoints);

    /// <summary>A copy with other members (e.g. quantized ones).</summary>
    /// <param name="members">The other members.</param>
    /// <returns>The new definition, the rest shared.</returns>
    public DetectorDefinition WithMembers(IReadOnlyList<ModelDefinition> members) => new(Likelihood, Threshold, members, TimeOfDay, ChangePoints);
}
