using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Trainer.Evaluation.Detector;

/// <summary>
/// Turns one stream's raw prediction errors into anomaly scores in [0, 1], one row at a time, allocating nothing per row
/// (all buffers are sized at construction), so it ports as it is to the runtime's <c>AnomalyDetector</c>.
/// </summary>
/// <remarks>
/// Per row, after HTM's anomaly likelihood (nupic anomaly_likelihood.py, as NAB's numenta detector uses it):
/// a = mean of the last <see cref="LikelihoodParameters.ShortWindow"/> errors; μ, s = mean and std of the last
/// <see cref="LikelihoodParameters.LongWindow"/> values of a before this row (s bounded below);
/// p = Φ((a − μ)/s), the probability that the recent error is not unusually large (one-sided: only larger errors count);
/// HTM's filter: p ≥ red right after a p ≥ red becomes yellow; score = log(1.0000000001 − p)/log(1e-10), HTM's log scale;
/// then NAB's spatial check (a value outside the range seen so far, widened by the tolerance, scores 1) and an optional
/// suppression of the rows that follow a peak.
/// </remarks>
internal sealed class AnomalyLikelihood
{
    private const double LogBase = -23.02585084720009;


    private readonly LikelihoodParameters _parameters;
    private readonly RollingWindow _short;
    private readonly RollingWindow _long;
    private readonly double[] _min;
    private readonly double[] _max;
    private long _rows;
    private double _referenceMaximum;
    private double _previousLikelihood;
    private double _peak;
    private int _peakAge;

    public AnomalyLikelihood(LikelihoodParameters parameters, int channels)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (parameters.Baseline == LikelihoodBaseline.TrainingMaximum && parameters.FreezeAfterRows <= parameters.SkipRows)
        {
            throw new ArgumentException($"Expected reference rows for the control limit (FreezeAfterRows above SkipRows = {parameters.SkipRows}), found FreezeAfterRows = {parameters.FreezeAfterRows}.", nameof(parameters));
        }

        _parameters = parameters;
        _short = new RollingWindow(parameters.ShortWindow);
        _long = new RollingWindow(parameters.LongWindow);
        _min = new double[channels];
        _max = new double[channels];
        Array.Fill(_min, double.PositiveInfinity);
        Array.Fill(_max, double.NegativeInfinity);
    }

    /// <summary>The likelihood p of the last row, before the log scale (with <see cref="LikelihoodBaseline.TrainingMaximum"/>: the ratio to the control limit).</summary>
    public double Likelihood { get; private set; }

    /// <summary>Scores one row.</summary>
    /// <param name="error">The row's raw error (≥ 0; NaN when no prediction could be checked: the row then scores 0).</param>
    /// <param name="values">The row's raw values, one per channel, for the spatial check (non-finite values are skipped).</param>
    /// <returns>The score in [0, 1].</returns>
    public double Next(double error, ReadOnlySpan<double> values)
    {
        bool spatial = Spatial(values);
        _rows++;
        double score = 0;
        Likelihood = 0;
        if (_rows > _parameters.SkipRows && double.IsFinite(error))
        {
            double raw = _parameters.ErrorSquash > 0 ? error / (error + _parameters.ErrorSquash) : error;
            _short.Add(_parameters.LogErrorOffset > 0 ? Math.Log(raw + _parameters.LogErrorOffset) : raw);
            double average = _short.Mean;
            if (_parameters.Baseline == LikelihoodBaseline.TrainingMaximum)
            {
                score = ControlLimit(average);
            }
            else if (_long.Count >= _parameters.MinimumHistory)
            {
                double mean = _long.Mean;
                double std = Math.Max(Math.Sqrt(_long.Variance), Math.Max(_parameters.MinStdFraction * mean, _parameters.MinStd));
                double z = (average - mean) / std;
                if (_parameters.TwoSided)
                {
                    z = Math.Abs(z);
                }

                double p = GaussianTail.Cdf(z);
                if (p >= _parameters.RedLikelihood && _previousLikelihood >= _parameters.RedLikelihood)
                {
                    p = _parameters.YellowLikelihood;
                }

                _previousLikelihood = p;
                Likelihood = p;
                score = Scale(_parameters, z, p);
            }

            if (_parameters.FreezeAfterRows <= 0 || _rows <= _parameters.FreezeAfterRows)
            {
                _long.Add(average);
            }
        }

        if (spatial)
        {
            // A spatial anomaly is never suppressed, and it starts a new suppression period.
            _peak = 1;
            _peakAge = 0;
            return 1;
        }

        return Suppress(score);
    }

    /// <summary>The score of a row whose recent error is <paramref name="ratio"/> times the reference maximum (<see cref="LikelihoodBaseline.TrainingMaximum"/>).</summary>
    public static double ScoreOfRatio(double ratio) => ratio / (1 + ratio);

    /// <summary>The score of a row whose recent error lies <paramref name="z"/> standard deviations above the usual (before filter, spatial check and suppression).</summary>
    public static double ScoreOfZ(LikelihoodParameters parameters, double z) => Scale(parameters, z, GaussianTail.Cdf(z));

    private static double Scale(LikelihoodParameters parameters, double z, double p) =>
        parameters.LogScale ? Math.Clamp(Math.Log(1.0000000001 - p) / LogBase, 0, 1) : Math.Max(z, 0) / (Math.Max(z, 0) + parameters.ZScale);

    private double ControlLimit(double average)
    {
        if (_rows <= _parameters.FreezeAfterRows)
        {
            _referenceMaximum = Math.Max(_referenceMaximum, average);
            return 0;
        }

        Likelihood = average / Math.Max(_referenceMaximum, _parameters.MinStd);
        return ScoreOfRatio(Likelihood);
    }

    private double Suppress(double score)
    {
        if (_parameters.SuppressionRows <= 0)
        {
            return score;
        }

        if (score > _peak || _peakAge >= _parameters.SuppressionRows)
        {
            _peak = score;
            _peakAge = 0;
            return score;
        }

        _peakAge++;
        return score * _parameters.SuppressionFactor;
    }

    private bool Spatial(ReadOnlySpan<double> values)
    {
        bool outside = false;
        for (int c = 0; c < _min.Length && c < values.Length; c++)
        {
            double v = values[c];
            if (!double.IsFinite(v))
            {
                continue;
            }

            if (_parameters.SpatialTolerance > 0 && _max[c] > _min[c])
            {
                double tolerance = (_max[c] - _min[c]) * _parameters.SpatialTolerance;
                outside |= v > _max[c] + tolerance || v < _min[c] - tolerance;
            }

            _min[c] = Math.Min(_min[c], v);
            _max[c] = Math.Max(_max[c], v);
        }

        return outside;
    }
}
