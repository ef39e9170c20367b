using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring.State;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// Turns one stream's raw prediction errors into anomaly scores in [0, 1], one row at a time, allocating nothing per row
/// (all buffers are sized at construction). The likelihood of the benchmark detector (<c>edgernn bench-nab</c>,
/// <c>bench-skab</c>), which <see cref="AnomalyDetector"/> runs for a model file that carries a detector (<see cref="DetectorDefinition"/>).
/// </summary>
/// <remarks>
/// Per row, after HTM's anomaly likelihood (nupic anomaly_likelihood.py, as NAB's numenta detector uses it):
/// a = mean of the last <see cref="LikelihoodParameters.ShortWindow"/> errors; μ, s = mean and std of the last
/// <see cref="LikelihoodParameters.LongWindow"/> values of a before this row (s bounded below);
/// p = Φ((a − μ)/s), the probability that the recent error is not unusually large (one-sided: only larger errors count);
/// HTM's filter: p ≥ red right after a p ≥ red becomes yellow; score = log(1.0000000001 − p)/log(1e-10), HTM's log scale;
/// optionally the same likelihood of the values' deviation from their recent mean (<see cref="LikelihoodParameters.ValueWindow"/>),
/// the larger score of the two kept; then NAB's spatial check (a value outside the range seen so far, or in the last
/// <see cref="LikelihoodParameters.SpatialWindow"/> rows, widened by the tolerance, scores 1) and an optional suppression
/// of the rows that follow a peak. See <see cref="LikelihoodChain"/> for each likelihood.
/// </remarks>
internal sealed class AnomalyLikelihood
{
    private const int MinimumValues = 10;

    private readonly LikelihoodParameters _parameters;
    private readonly LikelihoodChain _error;
    private readonly LikelihoodChain? _value;
    private readonly RollingWindow[] _recentValues;
    private readonly SlidingRange[] _ranges;
    private long _rows;
    private double _peak;
    private int _peakAge;

    public AnomalyLikelihood(LikelihoodParameters parameters, int channels)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        if (parameters.Baseline == LikelihoodBaseline.TrainingMaximum && parameters.ReferenceMaximum <= 0 && parameters.FreezeAfterRows <= parameters.SkipRows)
        {
            throw new ArgumentException($"Expected reference rows for the control limit (FreezeAfterRows above SkipRows = {parameters.SkipRows}), found FreezeAfterRows = {parameters.FreezeAfterRows}.", nameof(parameters));
        }

        _parameters = parameters;
        _error = new LikelihoodChain(parameters, parameters.ShortWindow);
        _value = parameters.ValueWindow > 0 ? new LikelihoodChain(parameters, parameters.ValueShortWindow) : null;
        _recentValues = new RollingWindow[parameters.ValueWindow > 0 ? channels : 0];
        for (int c = 0; c < _recentValues.Length; c++)
        {
            _recentValues[c] = new RollingWindow(parameters.ValueWindow);
        }

        _peakAge = parameters.SuppressionRows;
        _ranges = new SlidingRange[parameters.SpatialTolerance > 0 ? channels : 0];
        for (int c = 0; c < _ranges.Length; c++)
        {
            _ranges[c] = new SlidingRange(parameters.SpatialWindow);
        }
    }

    /// <summary>The likelihood p of the last row's error, before the log scale (with <see cref="LikelihoodBaseline.TrainingMaximum"/>: the ratio to the control limit).</summary>
    public double Likelihood => _error.Likelihood;

    /// <summary>With a training-maximum baseline, the largest recent error of the reference rows (the control limit's base); 0 otherwise.</summary>
    public double ReferenceMaximum => _error.ReferenceMaximum;

    /// <summary>The rows scored so far.</summary>
    public long Rows => _rows;

    /// <summary>Whether the error's baseline gives likelihoods yet (scores before are 0 unless the spatial check fires).</summary>
    public bool IsWarm => _rows > _parameters.SkipRows && _error.HasBaseline;

    /// <summary>Writes the whole state exactly (every window, range and counter).</summary>
    public void Save(ref StateWriter writer)
    {
        writer.WriteInt64(_rows);
        writer.WriteDouble(_peak);
        writer.WriteInt32(_peakAge);
        _error.Save(ref writer);
        _value?.Save(ref writer);
        foreach (var window in _recentValues)
        {
            window.Save(ref writer);
        }

        foreach (var range in _ranges)
        {
            range.Save(ref writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote for the same settings; changes the state only when <paramref name="apply"/>.</summary>
    public void Load(ref StateReader reader, bool apply)
    {
        long rows = reader.ReadInt64("the rows scored", 0, long.MaxValue);
        double peak = reader.ReadDouble("the last peak");
        int peakAge = reader.ReadInt32("the hold-off age", 0, Math.Max(0, _parameters.SuppressionRows));
        _error.Load(ref reader, apply);
        _value?.Load(ref reader, apply);
        foreach (var window in _recentValues)
        {
            window.Load(ref reader, apply);
        }

        foreach (var range in _ranges)
        {
            range.Load(ref reader, apply);
        }

        if (apply)
        {
            _rows = rows;
            _peak = peak;
            _peakAge = peakAge;
        }
    }

    /// <summary>Scores one row.</summary>
    /// <param name="error">The row's raw error (≥ 0; NaN when no prediction could be checked: the error then adds nothing).</param>
    /// <param name="values">The row's raw values, one per channel, for the value likelihood and the spatial check (non-finite values are skipped).</param>
    /// <returns>The score in [0, 1].</returns>
    public double Next(double error, ReadOnlySpan<double> values)
    {
        bool spatial = Spatial(values);
        double deviation = Deviation(values);
        _rows++;
        double score = 0;
        if (_rows > _parameters.SkipRows)
        {
            bool learn = _parameters.FreezeAfterRows <= 0 || _rows <= _parameters.FreezeAfterRows;
            if (double.IsFinite(error))
            {
                double raw = _parameters.ErrorSquash > 0 ? error / (error + _parameters.ErrorSquash) : error;
                score = _error.Next(_parameters.LogErrorOffset > 0 ? Math.Log(raw + _parameters.LogErrorOffset) : raw, learn);
            }

            if (_value is not null && double.IsFinite(deviation))
            {
                score = Math.Max(score, _value.Next(deviation, learn));
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

    private double Suppress(double score)
    {
        if (_parameters.SuppressionRows <= 0)
        {
            return score;
        }

        if (_parameters.SuppressionLevel > 0)
        {
            // Hold-off: a row at or above the level starts a period in which every row is lowered, however high.
            if (_peakAge >= _parameters.SuppressionRows)
            {
                if (score >= _parameters.SuppressionLevel)
                {
                    _peakAge = 0;
                }

                return score;
            }

            _peakAge++;
            return score * _parameters.SuppressionFactor;
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

    /// <summary>Mean over channels of |x − μ|/σ against the last <see cref="LikelihoodParameters.ValueWindow"/> values (before adding this row's); NaN when off or too few.</summary>
    private double Deviation(ReadOnlySpan<double> values)
    {
        double sum = 0;
        int used = 0;
        for (int c = 0; c < _recentValues.Length && c < values.Length; c++)
        {
            double v = values[c];
            if (!double.IsFinite(v))
            {
                continue;
            }

            var recent = _recentValues[c];
            if (recent.Count >= MinimumValues)
            {
                sum += Math.Abs(v - recent.Mean) / Math.Max(Math.Sqrt(recent.Variance), 1e-9);
                used++;
            }

            recent.Add(v);
        }

        return used == 0 ? double.NaN : sum / used;
    }

    private bool Spatial(ReadOnlySpan<double> values)
    {
        bool outside = false;
        for (int c = 0; c < _ranges.Length && c < values.Length; c++)
        {
            double v = values[c];
            if (!double.IsFinite(v))
            {
                continue;
            }

            var range = _ranges[c];
            if (_parameters.SpatialTolerance > 0 && range.Max > range.Min)
            {
                double tolerance = (range.Max - range.Min) * _parameters.SpatialTolerance;
                outside |= v > range.Max + tolerance || v < range.Min - tolerance;
            }

            range.Add(v);
        }

        return outside;
    }
}
