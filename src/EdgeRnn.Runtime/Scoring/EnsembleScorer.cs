using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring.State;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// The detector a model file carries (<see cref="DetectorDefinition"/>), for one stream, one sample at a time with no
/// allocation once built: the sample (with its time of day when the model reads it) is compared with the mean of the
/// ensemble's forecasts made one sample before (error over the forecast channels of |x − ŷ| / std of the training part,
/// see <see cref="ChannelErrorKind"/>), scored by <see cref="AnomalyLikelihood"/>, checked for a change point
/// (<see cref="LevelShiftDetector"/>), then every forecaster steps to predict the next sample. <see cref="AnomalyDetector"/>
/// runs it for models that carry a detector.
/// </summary>
internal sealed class EnsembleScorer
{
    private const ushort StateVersion = 2;
    private const int Version1HeaderSize = 8;
    private const string StateWhat = "a saved detector state (ERSD)";

    private readonly RnnModel[] _models;
    private readonly RnnState[] _states;
    private readonly float[][] _predictions;
    private readonly float[] _mean;
    private readonly float[] _row;
    private readonly float[] _contributions;
    private readonly double[] _values;
    private readonly float[] _std;
    private readonly DetectorDefinition _detector;
    private readonly float _threshold;
    private AnomalyLikelihood _likelihood;
    private LevelShiftDetector? _levelShift;
    private bool _hasPrediction;

    private static ReadOnlySpan<byte> StateMagic => "ERSD"u8;

    /// <param name="model">A model carrying a detector (its first forecaster).</param>
    public EnsembleScorer(RnnModel model)
    {
        _detector = model.Definition.Detector ?? throw new ArgumentException("Expected a model that carries a detector; found none.", nameof(model));
        int outputs = model.OutputSize;
        _models = new RnnModel[_detector.Members.Count + 1];
        _models[0] = model;
        for (int k = 1; k < _models.Length; k++)
        {
            var member = _detector.Members[k - 1];
            _models[k] = RnnModel.FromDefinition(model.IsQuantized && !member.IsQuantized ? ModelQuantizer.Quantize(member, out _) : member);
        }

        _states = new RnnState[_models.Length];
        _predictions = new float[_models.Length][];
        for (int k = 0; k < _models.Length; k++)
        {
            _states[k] = _models[k].CreateState();
            _predictions[k] = new float[outputs];
        }

        SampleSize = model.InputSize - (_detector.TimeOfDay ? DetectorDefinition.TimeOfDayInputs : 0);
        _row = new float[model.InputSize];
        _mean = new float[outputs];
        _contributions = new float[outputs];
        _values = new double[outputs];
        _std = model.Definition.InputNormalization.Std.ToArray()[..outputs];
        _threshold = (float)_detector.Threshold;
        _likelihood = new AnomalyLikelihood(_detector.Likelihood, outputs);
        _levelShift = CreateLevelShift();
    }

    /// <summary>The values per sample a caller gives (the model's inputs without the time of day).</summary>
    public int SampleSize { get; }

    /// <summary>Whether the model reads the time of day (then samples need timestamps).</summary>
    public bool TimeOfDay => _detector.TimeOfDay;

    /// <summary>The alarm threshold on the score.</summary>
    public float Threshold => _threshold;

    /// <summary>The first forecaster's recurrent state.</summary>
    public RnnState FirstState => _states[0];

    /// <summary>The ensemble's mean forecast of the next sample's forecast channels.</summary>
    public ReadOnlySpan<float> Prediction => _mean;

    /// <summary>Per forecast channel, ((x − ŷ)/σ)² of the last scored sample.</summary>
    public ReadOnlySpan<float> Contributions => _contributions;

    /// <summary>Samples before the likelihood gives scores (rows skipped, then its minimum history or reference rows).</summary>
    public int WarmUpSamples => _detector.Likelihood.Baseline == LikelihoodBaseline.TrainingMaximum
        ? (_detector.Likelihood.ReferenceMaximum > 0 ? _detector.Likelihood.SkipRows : _detector.Likelihood.FreezeAfterRows) + 1
        : _detector.Likelihood.SkipRows + _detector.Likelihood.MinimumHistory;

    /// <summary>With a training-maximum baseline, the largest recent error of the reference rows; 0 otherwise.</summary>
    public double ReferenceMaximum => _likelihood.ReferenceMaximum;

    /// <summary>Samples the likelihood has seen.</summary>
    public long Rows => _likelihood.Rows;

    /// <summary>Scores one sample, then predicts the next.</summary>
    /// <param name="sample">The raw sample, <see cref="SampleSize"/> values (forecast channels first).</param>
    /// <param name="timestamp">Its timestamp; needed when the model reads the time of day.</param>
    public AnomalyScore Next(ReadOnlySpan<float> sample, DateTime? timestamp)
    {
        if (sample.Length != SampleSize)
        {
            ThrowHelper.ThrowLength(nameof(sample), SampleSize, sample.Length);
        }

        sample.CopyTo(_row);
        if (_detector.TimeOfDay)
        {
            if (timestamp is not { } time)
            {
                throw new InvalidOperationException("This detector's model reads the time of day: call Process(sample, timestamp).");
            }

            DetectorDefinition.WriteTimeOfDay(time, _row.AsSpan(SampleSize, DetectorDefinition.TimeOfDayInputs));
        }

        bool squared = _detector.Likelihood.ChannelError == ChannelErrorKind.RootMeanSquare;
        double sum = 0;
        int used = 0;
        for (int c = 0; c < _values.Length; c++)
        {
            float x = _row[c];
            _values[c] = x;
            _contributions[c] = 0;
            if (_hasPrediction && float.IsFinite(x))
            {
                double d = Math.Abs(x - _mean[c]) / _std[c];
                _contributions[c] = (float)(d * d);
                sum += squared ? d * d : d;
                used++;
            }
        }

        double error = used == 0 ? double.NaN : squared ? Math.Sqrt(sum / used) : sum / used;
        double score = _likelihood.Next(error, _values);
        var shift = _levelShift?.Next(error) ?? LevelShift.None;
        for (int k = 0; k < _states.Length; k++)
        {
            _states[k].Step(_row, _predictions[k]);
        }

        Average();
        _hasPrediction = true;
        float scored = (float)score;
        return new AnomalyScore((float)error, scored, scored >= _threshold, _likelihood.IsWarm, shift);
    }

    /// <summary>Forgets every state, window and prediction (allocates new windows).</summary>
    public void Reset()
    {
        foreach (var state in _states)
        {
            state.Reset();
        }

        Array.Clear(_mean);
        Array.Clear(_contributions);
        _likelihood = new AnomalyLikelihood(_detector.Likelihood, _mean.Length);
        _levelShift = CreateLevelShift();
        _hasPrediction = false;
    }

    /// <summary>The bytes <see cref="Save"/> writes.</summary>
    public int StateSize
    {
        get
        {
            var writer = StateWriter.Measure();
            Write(ref writer, 0);
            return writer.Position;
        }
    }

    /// <summary>
    /// Writes everything but the first forecaster's recurrent state (saved on its own as <see cref="FirstState"/>): the
    /// other forecasters' states, their forecasts, and every window of the likelihood and change-point rule, exactly; in
    /// the <see cref="CheckedBlob"/> envelope "ERSD" version 2.
    /// </summary>
    public int Save(Span<byte> destination, uint modelChecksum)
    {
        int size = StateSize;
        if (destination.Length < size)
        {
            ThrowHelper.ThrowLength(nameof(destination), size, destination.Length);
        }

        var writer = StateWriter.Into(destination[..size]);
        Write(ref writer, modelChecksum);
        CheckedBlob.Seal(destination[..size], StateMagic, StateVersion);
        return size;
    }

    /// <summary>Restores what <see cref="Save"/> wrote (version 2, or version 1 of earlier releases) for the same model; all or nothing.</summary>
    /// <exception cref="ModelFormatException">The bytes are corrupt, from another model or another version; nothing changed.</exception>
    public void Restore(ReadOnlySpan<byte> source, uint modelChecksum)
    {
        bool version1 = CheckedBlob.HasHeader(source, StateMagic, 1);
        ReadOnlySpan<byte> body;
        int size;
        if (version1)
        {
            // Version 1: "ERSD", i32 1, the same fields (members as ERST version 1), CRC-32 of all before.
            size = StateSize - (CheckedBlob.HeaderSize - Version1HeaderSize) - (8 * (_states.Length - 1));
            if (source.Length != size)
            {
                throw new ModelFormatException($"Expected {StateWhat} of version 1 of {size} bytes for this model; found {source.Length} bytes.");
            }

            uint crc = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
            uint actual = Crc32.Compute(source[..^4]);
            if (crc != actual)
            {
                throw new ModelFormatException($"Expected {StateWhat} of version 1 with CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
            }

            body = source[Version1HeaderSize..^4];
        }
        else
        {
            body = CheckedBlob.Open(source, StateMagic, StateWhat, out ushort version);
            if (version != StateVersion)
            {
                throw new ModelFormatException($"Expected {StateWhat} of version {StateVersion} or 1; found version {version}.");
            }

            size = StateSize;
            if (source.Length != size)
            {
                throw new ModelFormatException($"Expected a saved detector state of {size} bytes for this model; found {source.Length} bytes.");
            }
        }

        int origin = version1 ? Version1HeaderSize : CheckedBlob.HeaderSize;
        var check = new StateReader(body, origin);
        Read(ref check, modelChecksum, version1, apply: false);
        var reader = new StateReader(body, origin);
        Read(ref reader, modelChecksum, version1, apply: true);
    }

    private void Write(ref StateWriter writer, uint modelChecksum)
    {
        writer.Reserve(CheckedBlob.HeaderSize);
        writer.WriteInt32((int)modelChecksum);
        writer.WriteInt32(_hasPrediction ? 1 : 0);
        for (int k = 1; k < _states.Length; k++)
        {
            var bytes = writer.Reserve(_states[k].SerializedSize);
            if (!bytes.IsEmpty)
            {
                _states[k].SaveTo(bytes);
            }
        }

        foreach (var prediction in _predictions)
        {
            writer.WriteSingles(prediction);
        }

        writer.WriteSingles(_mean);
        _likelihood.Save(ref writer);
        _levelShift?.Save(ref writer);
        writer.Reserve(4); // the CRC-32, written by CheckedBlob.Seal
    }

    private void Read(ref StateReader reader, uint modelChecksum, bool version1, bool apply)
    {
        int checksum = reader.ReadInt32("the model checksum", int.MinValue, int.MaxValue);
        if ((uint)checksum != modelChecksum)
        {
            throw new ModelFormatException($"Expected a detector state saved with the model of checksum 0x{modelChecksum:X8}; found one from model 0x{(uint)checksum:X8}.");
        }

        int hasPrediction = reader.ReadInt32("the prediction flag", 0, 1);
        for (int k = 1; k < _states.Length; k++)
        {
            var bytes = reader.ReadBytes(version1 ? _states[k].Version1Size : _states[k].SerializedSize, "a forecaster's state");
            if (apply)
            {
                _states[k].Restore(bytes);
            }
            else
            {
                _models[k].CreateState().Restore(bytes);
            }
        }

        foreach (var prediction in _predictions)
        {
            reader.ReadSingles(apply ? prediction : default, prediction.Length, "a forecast");
        }

        reader.ReadSingles(apply ? _mean : default, _mean.Length, "the mean forecast");
        _likelihood.Load(ref reader, apply);
        _levelShift?.Load(ref reader, apply);
        reader.ExpectEnd();
        if (apply)
        {
            _hasPrediction = hasPrediction == 1;
            Array.Clear(_contributions);
        }
    }

    private LevelShiftDetector? CreateLevelShift() =>
        _detector.ChangePoints is { } c ? new LevelShiftDetector(c.RecentRows, c.ReferenceRows, c.Ratio) : null;

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
}
