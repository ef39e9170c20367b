using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring.State;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// One input of <see cref="AnomalyLikelihood"/> turned into a score in [0, 1]: a moving average a of its last rows, compared with its
/// own history (<see cref="LikelihoodParameters.Baseline"/>). Allocates nothing per row.
/// </summary>
/// <remarks>
/// Rolling Gaussian (HTM): μ, s = mean and std of the last <see cref="LikelihoodParameters.LongWindow"/> values of a before
/// this row (s ≥ max(MinStdFraction·μ, MinStd)); p = Φ((a − μ)/s); p ≥ red right after a p ≥ red becomes yellow;
/// score = log(1.0000000001 − p)/log(1e-10). Training maximum: r = a / (largest a of the reference rows); score = r/(1 + r).
/// </remarks>
internal sealed class LikelihoodChain
{
    private readonly LikelihoodParameters _parameters;
    private readonly RollingWindow _short;
    private readonly RollingWindow _long;
    private double _previous;
    private readonly bool _stored;
    private double _referenceMaximum;

    /// <param name="parameters">The likelihood settings.</param>
    /// <param name="shortWindow">Rows in the moving average, ≥ 1.</param>
    public LikelihoodChain(LikelihoodParameters parameters, int shortWindow)
    {
        _parameters = parameters;
        _short = new RollingWindow(shortWindow);
        _long = new RollingWindow(parameters.LongWindow);
        _stored = parameters.Baseline == LikelihoodBaseline.TrainingMaximum && parameters.ReferenceMaximum > 0;
        _referenceMaximum = _stored ? parameters.ReferenceMaximum : 0;
    }

    /// <summary>The last row's p before the log scale (rolling Gaussian) or its ratio r (training maximum); 0 before any.</summary>
    public double Likelihood { get; private set; }

    /// <summary>Scores one row's input.</summary>
    /// <param name="value">The input (finite).</param>
    /// <param name="learn">Whether this row belongs to the history the baseline learns from.</param>
    /// <returns>The score in [0, 1]; 0 while the baseline is still learning its first rows.</returns>
    public double Next(double value, bool learn)
    {
        _short.Add(value);
        double average = _short.Mean;
        Likelihood = 0;
        if (_parameters.Baseline == LikelihoodBaseline.TrainingMaximum)
        {
            // The limit learns every reference row's mean, the first ones over fewer rows (learning full windows only
            // doubled the false alarms on SKAB's anomaly-free pieces: docs/detector.md); scoring waits for a full window,
            // so that one noisy row at a stream's start cannot pass for a high mean.
            if (learn && !_stored)
            {
                _referenceMaximum = Math.Max(_referenceMaximum, average);
                return 0;
            }

            if (_short.Count < _short.Length)
            {
                return 0;
            }

            Likelihood = average / Math.Max(_referenceMaximum, _parameters.MinStd);
            return LikelihoodParameters.ScoreOfRatio(Likelihood);
        }

        double score = 0;
        if (_long.Count >= _parameters.MinimumHistory)
        {
            double mean = _long.Mean;
            double std = Math.Max(Math.Sqrt(_long.Variance), Math.Max(_parameters.MinStdFraction * mean, _parameters.MinStd));
            double z = (average - mean) / std;
            if (_parameters.TwoSided)
            {
                z = Math.Abs(z);
            }

            double p = GaussianTail.Cdf(z);
            if (p >= _parameters.RedLikelihood && _previous >= _parameters.RedLikelihood)
            {
                p = _parameters.YellowLikelihood;
            }

            _previous = p;
            Likelihood = p;
            score = _parameters.ScoreOf(z, p);
        }

        if (learn)
        {
            _long.Add(average);
        }

        return score;
    }

    /// <summary>Whether the baseline has learnt enough to give likelihoods (rolling Gaussian: its minimum history; training maximum: a reference).</summary>
    /// <summary>With a training-maximum baseline, the largest recent error of the reference rows so far (stored or learnt); 0 otherwise.</summary>
    public double ReferenceMaximum => _parameters.Baseline == LikelihoodBaseline.TrainingMaximum ? _referenceMaximum : 0;

    public bool HasBaseline => _parameters.Baseline == LikelihoodBaseline.TrainingMaximum ? _referenceMaximum > 0 && _short.Count >= _short.Length : _long.Count >= _parameters.MinimumHistory;

    public void Save(ref StateWriter writer)
    {
        _short.Save(ref writer);
        _long.Save(ref writer);
        writer.WriteDouble(_previous);
        writer.WriteDouble(_referenceMaximum);
        writer.WriteDouble(Likelihood);
    }

    public void Load(ref StateReader reader, bool apply)
    {
        _short.Load(ref reader, apply);
        _long.Load(ref reader, apply);
        double previous = reader.ReadDouble("the previous likelihood");
        double maximum = reader.ReadDouble("the reference maximum");
        double likelihood = reader.ReadDouble("the last likelihood");
        if (apply)
        {
            _previous = previous;
            _referenceMaximum = maximum;
            Likelihood = likelihood;
        }
    }
}
