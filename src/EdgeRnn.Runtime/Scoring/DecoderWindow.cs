using System.Buffers.Binary;
using System.Globalization;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Scoring;

/// <summary>
/// Turns an encoder–decoder model into a per-sample predictor for <see cref="AnomalyDetector"/>: a ring of the last
/// <see cref="Steps"/> raw samples, each written twice (at slot s and s + T) so that the newest min(n, T) rows are always
/// one contiguous slice, and an <see cref="RnnSequenceDecoder"/> that runs over them after every sample. Output row 1 is
/// the reconstruction of the newest sample (<see cref="ModelTask.Reconstruct"/>) or the forecast of the next one (a
/// forecaster with a horizon). Allocates nothing per sample.
/// </summary>
/// <remarks>
/// Raw samples go in as given: a NaN stays in the ring and the decoder replaces it by the channel's last finite value in
/// the window (or its mean), and the encoder starts from zeros every window, so a NaN never enters a recurrent state.
/// The first T − 1 samples run on the shorter window of all samples so far.
/// </remarks>
internal sealed class DecoderWindow
{
    /// <summary>The metadata property holding the training window of a horizon forecaster.</summary>
    public const string WindowProperty = "train.window";

    private readonly RnnSequenceDecoder _decoder;
    private readonly float[] _rows;
    private readonly float[] _outputs;
    private readonly int _width;
    private int _next;
    private int _count;

    /// <param name="model">An encoder–decoder model: reconstruct (T = its horizon) or forecast with <see cref="WindowProperty"/>.</param>
    /// <exception cref="ArgumentException">The model is neither, or its window is not a positive number.</exception>
    public DecoderWindow(RnnModel model)
    {
        var decoder = model.Definition.Decoder ?? throw new ArgumentException("Expected an encoder-decoder model; found one without a decoder.", nameof(model));
        var metadata = model.Definition.Metadata;
        int steps = metadata.Task == ModelTask.Reconstruct ? decoder.Horizon : ForecastWindow(metadata);
        if (steps < 1)
        {
            throw new ArgumentException($"Expected a reconstruct encoder-decoder, or a forecaster whose metadata gives its window ({WindowProperty}, 1 to {RnnWindow.MaxWindow}); found task {metadata.Task.ToString().ToLowerInvariant()}.", nameof(model));
        }

        Steps = steps;
        _width = model.InputSize;
        _decoder = model.CreateSequenceDecoder(steps);
        _rows = new float[checked(2 * steps * _width)];
        _outputs = new float[decoder.Horizon * model.OutputSize];
    }

    /// <summary>A horizon forecaster's training window from its metadata, or 0 when it gives none in range.</summary>
    private static int ForecastWindow(ModelMetadata metadata) =>
        metadata.Task == ModelTask.Forecast
            && metadata.Properties.TryGetValue(WindowProperty, out string? text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int steps)
            && steps <= RnnWindow.MaxWindow
            ? steps
            : 0;

    /// <summary>The window T in samples.</summary>
    public int Steps { get; }

    /// <summary>Samples held (at most <see cref="Steps"/>).</summary>
    public int Count => _count;

    /// <summary>The decoder's outputs of the last <see cref="Next"/>: horizon × outputs, de-normalised, row-major.</summary>
    public ReadOnlySpan<float> Outputs => _outputs;

    /// <summary>A raw sample held: <paramref name="back"/> samples before the newest (0 = the newest).</summary>
    /// <param name="back">0 to <see cref="Count"/> − 1.</param>
    /// <returns>Its <see cref="RnnModel.InputSize"/> values as taken.</returns>
    public ReadOnlySpan<float> Row(int back)
    {
        int slot = _next - 1 - back;
        slot = slot < 0 ? slot + Steps : slot;
        return _rows.AsSpan(slot * _width, _width);
    }

    /// <summary>The bytes <see cref="WriteTo"/> writes: uint32 count, uint32 next slot, T × inputs float32.</summary>
    public int SerializedSize => 8 + (4 * Steps * _width);

    /// <summary>Appends a raw sample and writes the decoder's output row 1 over the newest min(n, T) samples.</summary>
    /// <param name="sample"><see cref="RnnModel.InputSize"/> raw values.</param>
    /// <param name="first">Receives <see cref="RnnModel.OutputSize"/> de-normalised values.</param>
    public void Next(ReadOnlySpan<float> sample, Span<float> first)
    {
        if (sample.Length != _width)
        {
            ThrowHelper.ThrowLength(nameof(sample), _width, sample.Length);
        }

        sample.CopyTo(_rows.AsSpan(_next * _width, _width));
        sample.CopyTo(_rows.AsSpan((_next + Steps) * _width, _width));
        _next = _next + 1 == Steps ? 0 : _next + 1;
        _count = Math.Min(_count + 1, Steps);
        int start = _next - _count + Steps;
        start = start >= Steps ? start - Steps : start;
        _decoder.Run(_rows.AsSpan(start * _width, _count * _width), _outputs);
        _outputs.AsSpan(0, first.Length).CopyTo(first);
    }

    /// <summary>Forgets every sample.</summary>
    public void Clear()
    {
        _next = 0;
        _count = 0;
        Array.Clear(_rows);
    }

    /// <summary>Writes the ring (the first copy of each slot; the second is rebuilt on reading).</summary>
    /// <param name="destination">At least <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    public int WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, _count);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], _next);
        int offset = 8;
        for (int i = 0; i < Steps * _width; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[offset..], _rows[i]);
            offset += 4;
        }

        return offset;
    }

    /// <summary>What is wrong with saved ring bytes, or null when they can be read.</summary>
    /// <param name="source">Exactly <see cref="SerializedSize"/> bytes.</param>
    /// <returns>The problem, or null.</returns>
    public string? Check(ReadOnlySpan<byte> source)
    {
        int count = BinaryPrimitives.ReadInt32LittleEndian(source);
        int next = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        if (count < 0 || count > Steps || next < 0 || next >= Steps || (count < Steps && next != count))
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected a sample window of 0 to {Steps} samples with its next slot in 0 to {Steps - 1} (equal to the count until full); found {count} samples and slot {next}");
        }

        return null;
    }

    /// <summary>Reads bytes <see cref="Check"/> accepted.</summary>
    /// <param name="source">Exactly <see cref="SerializedSize"/> bytes.</param>
    public void ReadFrom(ReadOnlySpan<byte> source)
    {
        _count = BinaryPrimitives.ReadInt32LittleEndian(source);
        _next = BinaryPrimitives.ReadInt32LittleEndian(source[4..]);
        int n = Steps * _width;
        for (int i = 0; i < n; i++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(source[(8 + (4 * i))..]);
            _rows[i] = value;
            _rows[n + i] = value;
        }
    }
}
