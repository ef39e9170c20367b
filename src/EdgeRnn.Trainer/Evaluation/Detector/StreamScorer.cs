using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Trainer.Evaluation.Detector;

/// <summary>
/// One stream through a forecasting model and the likelihood step, one row at a time with no allocation once built:
/// the row is compared with the prediction made one row before (error = mean over channels of |x − ŷ| / std of the
/// training part), scored, then stepped to predict the next row. The runtime-shaped core of <see cref="StreamingDetector"/>.
/// </summary>
internal sealed class StreamScorer
{
    private RnnState _state;
    private readonly float[] _prediction;
    private readonly double[] _values;
    private readonly float[] _std;
    private readonly AnomalyLikelihood _likelihood;
    private bool _hasPrediction;

    public StreamScorer(RnnModel model, ChannelNormalization normalization, LikelihoodParameters likelihood)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(normalization);
        if (model.OutputSize != model.InputSize || normalization.Count != model.InputSize)
        {
            throw new ArgumentException($"Expected a model forecasting its {model.InputSize} inputs with as many normalisation channels, found {model.OutputSize} outputs and {normalization.Count} channels.", nameof(model));
        }

        _state = model.CreateState();
        _prediction = new float[model.OutputSize];
        _values = new double[model.InputSize];
        _std = normalization.Std.ToArray();
        _likelihood = new AnomalyLikelihood(likelihood, model.InputSize);
    }

    /// <summary>
    /// Swaps in a retrained model (same shape and normalisation) and warms its state on recent past rows, without scoring
    /// them; the likelihood's history is kept. Allocates the new state: not part of the per-row path.
    /// </summary>
    /// <param name="model">The new model.</param>
    /// <param name="recentRows">The rows just before the next one, oldest first, row-major.</param>
    public void Replace(RnnModel model, ReadOnlySpan<float> recentRows)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.InputSize != _values.Length || model.OutputSize != _values.Length)
        {
            throw new ArgumentException($"Expected a model with {_values.Length} inputs and outputs, found {model.InputSize} and {model.OutputSize}.", nameof(model));
        }

        _state = model.CreateState();
        int channels = _values.Length;
        for (int r = 0; r + channels <= recentRows.Length; r += channels)
        {
            _state.Step(recentRows.Slice(r, channels), _prediction);
        }
    }

    /// <summary>Scores one row, then predicts the next.</summary>
    /// <param name="row">The row's raw values.</param>
    /// <param name="error">The row's raw error, NaN when there was no prediction or no finite value.</param>
    /// <returns>The row's score in [0, 1].</returns>
    public double Next(ReadOnlySpan<float> row, out double error)
    {
        double sum = 0;
        int used = 0;
        for (int c = 0; c < row.Length; c++)
        {
            _values[c] = row[c];
            if (_hasPrediction && float.IsFinite(row[c]))
            {
                sum += Math.Abs(row[c] - _prediction[c]) / _std[c];
                used++;
            }
        }

        error = used == 0 ? double.NaN : sum / used;
        double score = _likelihood.Next(error, _values);
        _state.Step(row, _prediction);
        _hasPrediction = true;
        return score;
    }
}
