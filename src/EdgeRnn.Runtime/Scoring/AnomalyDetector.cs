using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;

namespace EdgeRnn.Runtime;

/// <summary>
/// One stream of a forecasting model turned into an anomaly detector: per sample it scores how surprising the sample is
/// given the prediction made one step before, then steps the model to predict the next sample. Allocates nothing per
/// sample. Not thread-safe: one detector per stream.
/// </summary>
/// <remarks>
/// A model that carries a whole detector (<see cref="ModelDefinition.Detector"/>, written by <c>edgernn train</c>) runs it:
/// the mean forecast of its ensemble, the error |x − ŷ|/σ over the forecast channels, the anomaly likelihood
/// (<see cref="LikelihoodParameters"/>), the alarm threshold and the change points; see <see cref="DetectorDefinition"/>.
/// Otherwise the simple rule of <see cref="ScoringParameters"/>:
/// error e_t = mean over target channels k of ((x_k − ŷ_k) / σ_k)²; the long window (<see cref="ScoringParameters.LongWindow"/>)
/// of e gives mean μ and std s, the short window (<see cref="ScoringParameters.ShortWindow"/>) mean m, and the score is
/// Φ((m − μ) / s), the Gaussian probability that recent errors are not larger than usual. The score is 0 until the long
/// window holds <see cref="WarmUpSamples"/> errors. Channels whose sample is NaN or infinite are left out of e.
/// <para>An encoder–decoder model (<see cref="ModelDefinition.Decoder"/>) is scored by the same rule: it keeps the last T
/// raw samples and runs its decoder over the newest min(n, T) of them after each sample (the first T − 1 samples on the
/// shorter window). For <see cref="ModelTask.Reconstruct"/> (T = the horizon) each sample is scored from the first on by
/// the error of the whole window just reconstructed: per channel the mean of ((x_k − ŷ_k)/σ_k)² over its n rows, each
/// against its output row (row r back from the newest against output r + 1), then the mean over channels;
/// <see cref="Prediction"/> is output row 1, the reconstruction of the sample just taken. For a forecaster with a
/// horizon (T = its training window) output row 1 is the forecast of the next sample, scored as a one-step
/// forecaster's. <see cref="HasState"/> is then false.</para>
/// </remarks>
public sealed partial class AnomalyDetector
{
    private readonly float[] _prediction;
    private readonly float[] _nextPrediction;
    private readonly float[] _contributions;
    private readonly int[] _targets;
    private readonly float[] _errorStd;
    private readonly RollingWindow _long;
    private readonly RollingWindow _short;
    private readonly EnsembleScorer? _ensemble;
    private readonly DecoderWindow? _window;
    private readonly RnnState? _state;
    private bool _hasPrediction;
    private string[]? _sampleNames;

    /// <summary>Creates the detector stored in the model: its whole detector when it carries one, else its scoring parameters.</summary>
    /// <param name="model">A forecasting model with a detector or scoring parameters.</param>
    /// <exception cref="ArgumentException">The model carries neither, or no target channels.</exception>
    public AnomalyDetector(RnnModel model)
        : this(model, model?.Definition.Detector is null ? model?.Definition.Scoring ?? throw new ArgumentNullException(nameof(model)) : null, fromFile: true)
    {
    }

    /// <summary>Creates a detector with explicit scoring parameters.</summary>
    /// <param name="model">A forecasting model whose outputs predict its target channels one step ahead.</param>
    /// <param name="scoring">Enabled scoring parameters, one error std per output.</param>
    /// <exception cref="ArgumentException">The scoring is off, or its shape does not fit the model.</exception>
    public AnomalyDetector(RnnModel model, ScoringParameters scoring)
        : this(model, scoring ?? throw new ArgumentNullException(nameof(scoring)), fromFile: false)
    {
    }

    /// <param name="model">The model.</param>
    /// <param name="scoring">The simple rule's parameters, or null to run the model's detector.</param>
    /// <param name="fromFile">Whether the settings come from the model (for messages).</param>
    private AnomalyDetector(RnnModel model, ScoringParameters? scoring, bool fromFile)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (scoring is null)
        {
            Model = model;
            Scoring = model.Definition.Scoring;
            _ensemble = new EnsembleScorer(model);
            _state = _ensemble.FirstState;
            WarmUpSamples = _ensemble.WarmUpSamples;
            _targets = [];
            _errorStd = [];
            _prediction = [];
            _nextPrediction = [];
            _contributions = [];
            _long = new RollingWindow(1);
            _short = new RollingWindow(1);
            return;
        }

        if (!scoring.IsEnabled)
        {
            throw new ArgumentException(fromFile ? "Expected a model with a detector or anomaly-scoring parameters (train it with `edgernn train`); found neither." : "Expected enabled anomaly-scoring parameters; found scoring switched off.", nameof(scoring));
        }

        var targets = model.Definition.Metadata.TargetChannels;
        if (targets.Count != model.OutputSize || scoring.ErrorStd.Count != model.OutputSize)
        {
            throw new ArgumentException($"Expected {model.OutputSize} target channels and error stds (one per output); found {targets.Count} and {scoring.ErrorStd.Count}.", nameof(scoring));
        }

        if (scoring.ShortWindow < 1 || scoring.ShortWindow > scoring.LongWindow)
        {
            throw new ArgumentException($"Expected 1 ≤ short window ≤ long window; found {scoring.ShortWindow} and {scoring.LongWindow}.", nameof(scoring));
        }

        Model = model;
        Scoring = scoring;
        if (model.Definition.IsSequenceToSequence)
        {
            _window = new DecoderWindow(model);
        }
        else
        {
            _state = model.CreateState();
        }

        _targets = targets.ToArray();
        _errorStd = scoring.ErrorStd.ToArray();
        _prediction = new float[model.OutputSize];
        _nextPrediction = new float[model.OutputSize];
        _contributions = new float[model.OutputSize];
        _long = new RollingWindow(scoring.LongWindow);
        _short = new RollingWindow(scoring.ShortWindow);
        WarmUpSamples = Math.Min(scoring.LongWindow, Math.Max(2 * scoring.ShortWindow, 10));
    }

    /// <summary>The model.</summary>
    public RnnModel Model { get; }

    /// <summary>The scoring parameters in use.</summary>
    public ScoringParameters Scoring { get; }

    /// <summary>Whether the model carries a whole detector (ensemble, likelihood, change points), not only scoring parameters.</summary>
    public bool HasDetector => _ensemble is not null;

    /// <summary>
    /// With a detector whose likelihood compares the recent error with a control limit (<see cref="LikelihoodBaseline.TrainingMaximum"/>):
    /// the largest recent error of the reference rows, stored in the model or learnt so far; 0 otherwise. An alarm ratio r
    /// corresponds to a recent error of r times this.
    /// </summary>
    public double ReferenceLevel => _ensemble?.ReferenceMaximum ?? 0;

    /// <summary>The score at or above which an alarm is due.</summary>
    public float Threshold => _ensemble?.Threshold ?? Scoring.Threshold;

    /// <summary>The recurrent state (to save and restore it); with an ensemble, the first forecaster's (the others are in the scoring state).</summary>
    /// <exception cref="NotSupportedException">The model is an encoder–decoder (<see cref="HasState"/> is false): its window is in the scoring state.</exception>
    public RnnState State => _state ?? throw new NotSupportedException("This detector's model is an encoder-decoder: it keeps no recurrent state between samples, only its window of recent samples, which SaveScoringState saves. Check HasState first.");

    /// <summary>
    /// Whether the detector steps a recurrent <see cref="State"/>: true for a forecaster; false for an encoder–decoder
    /// (<see cref="ModelDefinition.Decoder"/>), which runs over a ring of the last T samples after each sample (all of its
    /// state is then in <see cref="SaveScoringState"/>).
    /// </summary>
    public bool HasState => _state is not null;

    /// <summary>How many errors the long window needs before scores are given.</summary>
    public int WarmUpSamples { get; }

    /// <summary>How many recent errors the long window holds (scores are given once it holds <see cref="WarmUpSamples"/>).</summary>
    public int RecentErrors => _ensemble is null ? _long.Count : (int)Math.Min(_ensemble.Rows, int.MaxValue);

    /// <summary>The model's prediction of the next sample's target channels (with an ensemble, the mean forecast).</summary>
    public ReadOnlySpan<float> Prediction => _ensemble is null ? _prediction : _ensemble.Prediction;

    /// <summary>Per target channel, ((x − ŷ)/σ)² of the last scored sample: which channels drove the error.</summary>
    public ReadOnlySpan<float> Contributions => _ensemble is null ? _contributions : _ensemble.Contributions;

    /// <summary>Scores one sample against the last prediction, then predicts the next one.</summary>
    /// <param name="sample">One raw sample, <see cref="RnnModel.InputSize"/> values.</param>
    /// <returns>The error and score of this sample.</returns>
    /// <exception cref="InvalidOperationException">The model reads the time of day: use <see cref="Process(ReadOnlySpan{float}, DateTime)"/>.</exception>
    public AnomalyScore Process(ReadOnlySpan<float> sample)
    {
        if (_ensemble is not null)
        {
            return _ensemble.Next(sample, null);
        }

        if (_window is not null && Model.Definition.Metadata.Task == ModelTask.Reconstruct)
        {
            _window.Next(sample, _prediction);
            _hasPrediction = true;
            return Rate(WindowError());
        }

        var result = default(AnomalyScore);
        if (_hasPrediction)
        {
            result = Score(sample);
        }

        if (_window is not null)
        {
            _window.Next(sample, _nextPrediction);
        }
        else
        {
            State.Step(sample, _nextPrediction);
        }

        _nextPrediction.CopyTo(_prediction, 0);
        _hasPrediction = true;
        return result;
    }

    /// <summary>The values per sample a caller gives <see cref="Process(ReadOnlySpan{float}, DateTime)"/>: the model's inputs without the covariates the detector derives from the timestamp.</summary>
    public int SampleSize => _ensemble?.SampleSize ?? Model.InputSize;

    /// <summary>The names of the <see cref="SampleSize"/> values per sample: the first of the model's feature names, or
    /// ch0, ch1, … when the model has none.</summary>
    public IReadOnlyList<string> SampleNames => _sampleNames ??= NamesOf(Model, SampleSize);

    /// <summary>Scores one sample taken at <paramref name="timestamp"/> against the last prediction, then predicts the next one.</summary>
    /// <param name="sample">One raw sample, <see cref="SampleSize"/> values.</param>
    /// <param name="timestamp">When the sample was taken (its time of day is an input of models trained with it).</param>
    /// <returns>The error and score of this sample.</returns>
    public AnomalyScore Process(ReadOnlySpan<float> sample, DateTime timestamp) => _ensemble is null ? Process(sample) : _ensemble.Next(sample, timestamp);

    private static string[] NamesOf(RnnModel model, int count)
    {
        var names = model.Definition.Metadata.FeatureNames;
        var result = new string[count];
        for (int i = 0; i < count; i++)
        {
            result[i] = names.Count == model.InputSize ? names[i] : "ch" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>Forgets the recurrent state, the last prediction and the error windows.</summary>
    public void Reset()
    {
        if (_ensemble is not null)
        {
            _ensemble.Reset();
            return;
        }

        _state?.Reset();
        _window?.Clear();
        _long.Clear();
        _short.Clear();
        _hasPrediction = false;
        Array.Clear(_contributions);
    }

    private AnomalyScore Score(ReadOnlySpan<float> sample)
    {
        double sum = 0;
        int used = 0;
        for (int k = 0; k < _targets.Length; k++)
        {
            float x = sample[_targets[k]];
            if (!float.IsFinite(x))
            {
                _contributions[k] = 0;
                continue;
            }

            double z = (x - _prediction[k]) / _errorStd[k];
            _contributions[k] = (float)(z * z);
            sum += z * z;
            used++;
        }

        return Rate(used == 0 ? double.NaN : sum / used);
    }

    /// <summary>Turns one error into the score: the rolling windows and the Gaussian tail.</summary>
    /// <param name="error">The error e of this sample, NaN when no channel was valid (then nothing is added).</param>
    private AnomalyScore Rate(double error)
    {
        if (double.IsNaN(error))
        {
            return new AnomalyScore(float.NaN, 0f, false, _long.Count >= WarmUpSamples);
        }

        bool warm = _long.Count >= WarmUpSamples;
        double score = 0;
        _short.Add(error);
        if (warm)
        {
            double std = Math.Sqrt(_long.Variance);
            score = GaussianTail.Cdf((_short.Mean - _long.Mean) / Math.Max(std, 1e-6 * Math.Max(_long.Mean, 1e-12)));
        }

        _long.Add(error);
        return new AnomalyScore((float)error, (float)score, warm && score >= Scoring.Threshold, warm);
    }
}

/// <summary>What one sample scored.</summary>
/// <param name="Error">The mean squared normalised prediction error e (NaN when no target channel was valid).</param>
/// <param name="Score">The anomaly score in [0, 1] (0 while warming up).</param>
/// <param name="AboveThreshold">Whether the score reached the model's alarm threshold.</param>
/// <param name="IsWarm">Whether enough errors have been seen for the score to mean something.</param>
/// <param name="ChangePoint">Whether the level of the prediction error shifted at this sample (only detectors whose model carries change-point settings report one).</param>
public readonly record struct AnomalyScore(float Error, float Score, bool AboveThreshold, bool IsWarm, LevelShift ChangePoint = LevelShift.None);
