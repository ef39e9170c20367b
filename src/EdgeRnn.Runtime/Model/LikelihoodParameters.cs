namespace EdgeRnn.Runtime.Model;

/// <summary>
/// The settings of <c>Scoring.AnomalyLikelihood</c>, after the "anomaly likelihood" of Numenta's HTM detector
/// (nupic's anomaly_likelihood.py and NAB's numenta detector): a short moving average of the raw error, a Gaussian fitted
/// to the recent moving averages, the tail probability, the red/yellow filter and the log scale, plus NAB's spatial check.
/// </summary>
/// <remarks>Windows are counted in rows (samples); <c>edgernn train</c> writes them for the recording's sampling period.</remarks>
public sealed record LikelihoodParameters
{
    private const double LogBase = -23.02585084720009;

    /// <summary>The settings of <c>edgernn bench-nab</c> (written for 5-minute rows).</summary>
    public static LikelihoodParameters Default { get; } = new();

    /// <summary>How the per-channel errors of a row become the raw error.</summary>
    public ChannelErrorKind ChannelError { get; init; } = ChannelErrorKind.MeanAbsolute;

    /// <summary>What the moving average of the raw error is compared with.</summary>
    public LikelihoodBaseline Baseline { get; init; } = LikelihoodBaseline.RollingGaussian;

    /// <summary>Rows in the moving average of the raw error (HTM: 10).</summary>
    public int ShortWindow { get; init; } = 35;

    /// <summary>Moving averages in the Gaussian's history (HTM: 8640, 30 days of 5-minute rows; here 15 days).</summary>
    public int LongWindow { get; init; } = 4320;

    /// <summary>Leading rows whose errors the Gaussian ignores (the recurrent state is still cold).</summary>
    public int SkipRows { get; init; } = 32;

    /// <summary>
    /// When above 0, the Gaussian learns only from the first this many rows and is frozen after them (SKAB: its 400
    /// training rows); 0 keeps learning from every row, as HTM does.
    /// </summary>
    public int FreezeAfterRows { get; init; }

    /// <summary>
    /// With <see cref="LikelihoodBaseline.TrainingMaximum"/>: when above 0, the control limit's base (the largest recent
    /// error of the reference rows) measured when the model was trained and stored with it; the stream then scores against
    /// it from the first row after <see cref="SkipRows"/> and learns nothing. 0 learns it from the stream's own rows
    /// <see cref="SkipRows"/>–<see cref="FreezeAfterRows"/>.
    /// </summary>
    public double ReferenceMaximum { get; init; }

    /// <summary>Moving averages needed before a likelihood is given; before that the score is 0.</summary>
    public int MinimumHistory { get; init; } = 50;

    /// <summary>The smallest Gaussian std, as a fraction of its mean (HTM bounds a [0, 1] score's variance at 0.0003).</summary>
    public double MinStdFraction { get; init; } = 0.1;

    /// <summary>The smallest Gaussian std in raw error units.</summary>
    public double MinStd { get; init; } = 1e-3;

    /// <summary>HTM's red threshold: a likelihood at or above it right after another is lowered to <see cref="YellowLikelihood"/>.</summary>
    public double RedLikelihood { get; init; } = 0.99999;

    /// <summary>HTM's yellow level.</summary>
    public double YellowLikelihood { get; init; } = 0.999;

    /// <summary>
    /// When above 0, the raw error e is first bounded to e/(e + this), like HTM's raw anomaly score in [0, 1]; 0 keeps e.
    /// </summary>
    public double ErrorSquash { get; init; }

    /// <summary>When above 0, the raw error e is replaced by log(e + this), which makes heavy-tailed errors closer to Gaussian; 0 keeps e.</summary>
    public double LogErrorOffset { get; init; }

    /// <summary>HTM's two-sided tail: an unusually small recent error is as unlikely as an unusually large one.</summary>
    public bool TwoSided { get; init; }

    /// <summary>
    /// HTM's log scale of the likelihood (saturates at 1 from z ≈ 6.4); when false the score is z⁺/(z⁺ + <see cref="ZScale"/>),
    /// which keeps every row's rank (below 1, so a spatial anomaly outranks every likelihood).
    /// </summary>
    public bool LogScale { get; init; } = true;

    /// <summary>The z at which the unsaturated score is 0.5.</summary>
    public double ZScale { get; init; } = 4;

    /// <summary>
    /// NAB's spatial anomaly: a value outside [min − t·range, max + t·range] of the values seen so far scores 1 (NAB's
    /// numenta detector: t = 0.05); 0 turns it off.
    /// </summary>
    public double SpatialTolerance { get; init; } = 0.05;

    /// <summary>
    /// After a row, the next rows score at most this row's score times <see cref="SuppressionFactor"/> until this many
    /// rows passed (sparse alerts: every flagged row outside a window is a false positive); 0 turns it off.
    /// </summary>
    public int SuppressionRows { get; init; } = 400;

    /// <summary>
    /// The rows whose range the spatial check uses: the last this many values; 0 uses every value seen so far (NAB's
    /// numenta detector).
    /// </summary>
    public int SpatialWindow { get; init; } = 8640;

    /// <summary>
    /// When above 0, a second likelihood, of the values themselves: per row, the mean over channels of |x − μ|/σ with μ, σ
    /// the mean and std of the channel's last this many values, through a moving average of <see cref="ValueShortWindow"/>
    /// rows and the same baseline as the error; the row keeps the larger of the two scores. 0 turns it off.
    /// </summary>
    public int ValueWindow { get; init; } = 500;

    /// <summary>Rows in the moving average of the value likelihood's input.</summary>
    public int ValueShortWindow { get; init; } = 20;

    /// <summary>
    /// When above 0, suppression is a hold-off: a row scoring at least this starts a period of <see cref="SuppressionRows"/>
    /// rows in which every row is lowered, even one scoring higher (only a spatial anomaly passes, and starts a new period);
    /// 0 lets a row that exceeds the last peak through and makes it the new peak.
    /// </summary>
    public double SuppressionLevel { get; init; } = 0.85;

    /// <summary>The factor applied to the scores of suppressed rows, in [0, 1].</summary>
    public double SuppressionFactor { get; init; } = 0.01;

    /// <summary>The score of a row whose recent error is <paramref name="ratio"/> times the control limit's base (<see cref="LikelihoodBaseline.TrainingMaximum"/>): r/(1 + r).</summary>
    /// <param name="ratio">The ratio, ≥ 0.</param>
    /// <returns>The score in [0, 1).</returns>
    public static double ScoreOfRatio(double ratio) => ratio / (1 + ratio);

    /// <summary>The score of a row whose recent error lies <paramref name="z"/> standard deviations above the usual (<see cref="LikelihoodBaseline.RollingGaussian"/>; before the filter, the spatial check and the hold-off).</summary>
    /// <param name="z">The z-score.</param>
    /// <returns>The score in [0, 1].</returns>
    public double ScoreOfZ(double z) => ScoreOf(z, GaussianTail.Cdf(z));

    /// <summary>The score of a z with likelihood p = Φ(z): HTM's log scale log(1.0000000001 − p)/log(1e-10), or z⁺/(z⁺ + ZScale).</summary>
    internal double ScoreOf(double z, double p) =>
        LogScale ? Math.Clamp(Math.Log(1.0000000001 - p) / LogBase, 0, 1) : Math.Max(z, 0) / (Math.Max(z, 0) + ZScale);
}
