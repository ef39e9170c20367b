using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// One stream through an ensemble of forecasting models and the likelihood step, one row at a time with no allocation once
/// built: the row is compared with the mean of the models' predictions made one row before (error over the forecast
/// channels of |x − ŷ| / std of the training part, see <see cref="ChannelErrorKind"/>), scored, then every model steps to
/// predict the next row. The per-row path of the benchmark detector (<c>edgernn bench-nab</c>, <c>bench-skab</c>),
/// which the trainer's StreamingDetector drives.
/// </summary>
internal sealed class EnsembleScorer
{
    private readonly RnnState[] _states;
    private readonly float[][] _predictions;
    private readonly float[] _mean;
    private readonly double[] _values;
    private readonly float[] _std;
    private readonly int _inputs;
    private readonly AnomalyLikelihood _likelihood;
    private readonly bool _squared;
    private bool _hasPrediction;

    public EnsembleScorer(IReadOnlyList<RnnModel> models, ChannelNormalization normalization, LikelihoodParameters likelihood)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(normalization);
        if (models.Count == 0)
        {
            throw new ArgumentException("Expected at least one model, found none.", nameof(models));
        }

        var first = models[0];
        if (first.OutputSize > first.InputSize || normalization.Count != first.InputSize)
        {
            throw new ArgumentException($"Expected a model forecasting its leading inputs, with one normalisation channel per input ({first.InputSize}), found {first.OutputSize} outputs and {normalization.Count} channels.", nameof(models));
        }

        _inputs = first.InputSize;
        _values = new double[first.OutputSize];
        _states = new RnnState[models.Count];
        _predictions = new float[models.Count][];
        for (int k = 0; k < models.Count; k++)
        {
            Check(models[k]);
            _states[k] = models[k].CreateState();
            _predictions[k] = new float[first.OutputSize];
        }

        _mean = new float[first.OutputSize];
        _std = normalization.Std[..first.OutputSize].ToArray();
        _likelihood = new AnomalyLikelihood(likelihood, first.OutputSize);
        _squared = likelihood.ChannelError == ChannelErrorKind.RootMeanSquare;
    }

    /// <summary>
    /// Swaps in retrained models (same shapes and normalisation) and warms their states on recent past rows, without scoring
    /// them; the likelihood's history is kept. Allocates the new states: not part of the per-row path.
    /// </summary>
    /// <param name="models">The new models, as many as before.</param>
    /// <param name="recentRows">The rows just before the next one, oldest first, row-major.</param>
    public void Replace(IReadOnlyList<RnnModel> models, ReadOnlySpan<float> recentRows)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count != _states.Length)
        {
            throw new ArgumentException($"Expected {_states.Length} models, found {models.Count}.", nameof(models));
        }

        for (int k = 0; k < models.Count; k++)
        {
            Check(models[k]);
            _states[k] = models[k].CreateState();
            for (int r = 0; r + _inputs <= recentRows.Length; r += _inputs)
            {
                _states[k].Step(recentRows.Slice(r, _inputs), _predictions[k]);
            }
        }

        Average();
    }

    /// <summary>The ensemble's mean forecast of the next row's forecast channels.</summary>
    public ReadOnlySpan<float> Prediction => _mean;

    /// <summary>Scores one row, then predicts the next.</summary>
    /// <param name="row">The row's raw inputs (forecast channels first, then covariates).</param>
    /// <param name="error">The row's raw error, NaN when there was no prediction or no finite value.</param>
    /// <returns>The row's score in [0, 1].</returns>
    public double Next(ReadOnlySpan<float> row, out double error)
    {
        double sum = 0;
        int used = 0;
        for (int c = 0; c < _values.Length; c++)
        {
            _values[c] = row[c];
            if (_hasPrediction && float.IsFinite(row[c]))
            {
                double d = Math.Abs(row[c] - _mean[c]) / _std[c];
                sum += _squared ? d * d : d;
                used++;
            }
        }

        error = used == 0 ? double.NaN : _squared ? Math.Sqrt(sum / used) : sum / used;
        double score = _likelihood.Next(error, _values);
        for (int k = 0; k < _states.Length; k++)
        {
            _states[k].Step(row, _predictions[k]);
        }

        Average();
        _hasPrediction = true;
        return score;
    }

    private void Average()
    {
        for (int c = 0; c < _mean.Length; c++)
        {
            float total = 0;
            for (int k = 0; k < _predictions.Length; k++)
            {
                total += _predictions[k][c];
            }

            _mean[c] = total / _predictions.Length;
        }
    }

    private void Check(RnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputSize != _inputs || model.OutputSize != _values.Length)
        {
            throw new ArgumentException($"Expected models with {_inputs} inputs and {_values.Length} outputs, found {model.InputSize} and {model.OutputSize}.", nameof(model));
        }
    }
}
