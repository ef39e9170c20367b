namespace EdgeRnn.Training.Training.Optimization;

/// <summary>How the learning rate changes from epoch to epoch.</summary>
internal enum ScheduleKind
{
    /// <summary>The base rate throughout.</summary>
    Constant = 0,

    /// <summary>PyTorch's CosineAnnealingLR over the run: lr = min + (base − min)(1 + cos(π·epoch / epochs)) / 2.</summary>
    Cosine = 1,

    /// <summary>PyTorch's StepLR: lr = base · γ^⌊epoch / step⌋.</summary>
    Step = 2,

    /// <summary>PyTorch's ReduceLROnPlateau (mode min, relative threshold 1e-4): × γ after <c>patience</c> epochs without improvement.</summary>
    Plateau = 3,
}

/// <summary>A learning-rate schedule; <see cref="RateFor"/> before each epoch, <see cref="Observe"/> after it.</summary>
internal sealed class LearningRateSchedule
{
    private const double PlateauThreshold = 1e-4;

    public LearningRateSchedule(ScheduleKind kind, double baseRate, int totalEpochs = 1, double gamma = 0.1, int stepEpochs = 10, int patience = 3, double minimumRate = 0)
    {
        if (!(baseRate > 0) || double.IsInfinity(baseRate))
        {
            throw new ArgumentOutOfRangeException(nameof(baseRate), baseRate, "Expected a finite learning rate > 0.");
        }

        if (gamma is <= 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "Expected a factor γ in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalEpochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepEpochs);
        ArgumentOutOfRangeException.ThrowIfNegative(patience);
        Kind = kind;
        BaseRate = baseRate;
        TotalEpochs = totalEpochs;
        Gamma = gamma;
        StepEpochs = stepEpochs;
        Patience = patience;
        MinimumRate = minimumRate;
        PlateauRate = baseRate;
        BestLoss = double.PositiveInfinity;
    }

    public ScheduleKind Kind { get; }

    public double BaseRate { get; }

    public int TotalEpochs { get; }

    public double Gamma { get; }

    public int StepEpochs { get; }

    public int Patience { get; }

    public double MinimumRate { get; }

    /// <summary>Plateau state: the current rate, the best loss seen and the epochs since it (kept in checkpoints).</summary>
    public double PlateauRate { get; set; }

    public double BestLoss { get; set; }

    public int BadEpochs { get; set; }

    /// <summary>The rate for the 0-based <paramref name="epoch"/>.</summary>
    public double RateFor(int epoch) => Kind switch
    {
        ScheduleKind.Cosine => MinimumRate + ((BaseRate - MinimumRate) * (1 + Math.Cos(Math.PI * Math.Min(epoch, TotalEpochs) / TotalEpochs)) / 2),
        ScheduleKind.Step => Math.Max(MinimumRate, BaseRate * Math.Pow(Gamma, epoch / StepEpochs)),
        ScheduleKind.Plateau => PlateauRate,
        _ => BaseRate,
    };

    /// <summary>Feeds the epoch's validation loss to the plateau rule (other kinds ignore it).</summary>
    public void Observe(double validationLoss)
    {
        if (Kind != ScheduleKind.Plateau || double.IsNaN(validationLoss))
        {
            return;
        }

        if (validationLoss < BestLoss * (1 - PlateauThreshold))
        {
            BestLoss = validationLoss;
            BadEpochs = 0;
            return;
        }

        if (++BadEpochs > Patience)
        {
            PlateauRate = Math.Max(MinimumRate, PlateauRate * Gamma);
            BadEpochs = 0;
        }
    }
}
