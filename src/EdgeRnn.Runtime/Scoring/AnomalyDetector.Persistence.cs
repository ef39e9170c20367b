using System.Buffers.Binary;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime;

public sealed partial class AnomalyDetector
{
    private const ushort ScoringVersion = 2;
    private const ushort WindowScoringVersion = 3;
    private const int ScoringFieldsSize = 20;
    private const int ScoringVersion1HeaderSize = 24;
    private const string ScoringWhat = "a saved scorer state (ERSC)";

    private static ReadOnlySpan<byte> ScoringMagic => "ERSC"u8;

    /// <summary>The number of bytes <see cref="SaveScoringState"/> writes.</summary>
    /// <remarks>
    /// The scorer's own state, apart from the recurrent <see cref="State"/> (which has its own bytes): the prediction made
    /// for the next sample and the long and short windows of recent errors, so that a restarted device scores on from
    /// where it stopped instead of warming up again. Layout (little-endian, models/FORMAT.md §13.2): the
    /// <see cref="CheckedBlob"/> envelope "ERSC" version 2 around uint32 model checksum, uint32 flags (bit 0: a
    /// prediction is held), uint32 outputs, uint32 long window, uint32 short window, the prediction as float32, each window
    /// as uint32 count, uint32 next slot and its slots as float64. <see cref="RestoreScoringState"/> also reads version 1.
    /// </remarks>
    /// <para>With a whole detector (<see cref="HasDetector"/>) the layout is "ERSD" instead: every other forecaster's
    /// recurrent state, the forecasts, and every window of the likelihood and change-point rule with their running sums, so
    /// that a restored detector scores on bit for bit as if it had not stopped (models/FORMAT.md).</para>
    /// <para>With an encoder–decoder model (<see cref="HasState"/> false) it is "ERSC" version 3: the version 2 fields
    /// followed by its window of recent samples (uint32 count, uint32 next slot, T × inputs float32, NaN kept as taken).</para>
    public int ScoringStateSize => _ensemble is not null ? _ensemble.StateSize : CheckedBlob.Overhead + ScoringFieldsSize + (4 * _prediction.Length) + _long.SerializedSize + _short.SerializedSize + (_window?.SerializedSize ?? 0);

    /// <summary>Writes the scorer's state (see <see cref="ScoringStateSize"/>); allocates nothing.</summary>
    /// <param name="destination">At least <see cref="ScoringStateSize"/> bytes.</param>
    /// <returns>The bytes written.</returns>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public int SaveScoringState(Span<byte> destination)
    {
        if (_ensemble is not null)
        {
            return _ensemble.Save(destination, Model.Checksum);
        }

        int size = ScoringStateSize;
        if (destination.Length < size)
        {
            ThrowHelper.ThrowLength(nameof(destination), size, destination.Length);
        }

        var blob = destination[..size];
        var body = CheckedBlob.Body(blob);
        BinaryPrimitives.WriteUInt32LittleEndian(body, Model.Checksum);
        BinaryPrimitives.WriteUInt32LittleEndian(body[4..], _hasPrediction ? 1u : 0u);
        BinaryPrimitives.WriteInt32LittleEndian(body[8..], _prediction.Length);
        BinaryPrimitives.WriteInt32LittleEndian(body[12..], _long.Length);
        BinaryPrimitives.WriteInt32LittleEndian(body[16..], _short.Length);
        int offset = ScoringFieldsSize;
        foreach (float value in _prediction)
        {
            BinaryPrimitives.WriteSingleLittleEndian(body[offset..], value);
            offset += 4;
        }

        offset += _long.WriteTo(body[offset..]);
        offset += _short.WriteTo(body[offset..]);
        _window?.WriteTo(body[offset..]);
        CheckedBlob.Seal(blob, ScoringMagic, _window is null ? ScoringVersion : WindowScoringVersion);
        return size;
    }

    /// <summary>Restores the scorer's state saved by <see cref="SaveScoringState"/> (version 2, or version 1 of earlier releases) from a detector of the same model and scoring; all or nothing.</summary>
    /// <param name="source">The saved bytes.</param>
    /// <exception cref="ModelFormatException">The bytes are corrupt, truncated, hold a non-finite value, or come from another model or other scoring windows; the detector is unchanged.</exception>
    public void RestoreScoringState(ReadOnlySpan<byte> source)
    {
        if (_ensemble is not null)
        {
            _ensemble.Restore(source, Model.Checksum);
            return;
        }

        if (_window is null && CheckedBlob.HasHeader(source, ScoringMagic, 1))
        {
            RestoreScoringVersion1(source);
            return;
        }

        var body = CheckedBlob.Open(source, ScoringMagic, ScoringWhat, out ushort version);
        if (_window is not null && version != WindowScoringVersion)
        {
            throw new ModelFormatException($"Expected {ScoringWhat} of version {WindowScoringVersion} (an encoder-decoder's, with its window of samples); found version {version}.");
        }

        if (_window is null && version != ScoringVersion)
        {
            throw new ModelFormatException($"Expected {ScoringWhat} of version {ScoringVersion} or 1; found version {version}.");
        }

        if (body.Length < ScoringFieldsSize)
        {
            throw new ModelFormatException($"Expected a saved scorer state of {ScoringStateSize} bytes for this model; found {source.Length} bytes.");
        }

        ApplyScoringState(
            source.Length,
            ScoringStateSize,
            BinaryPrimitives.ReadUInt32LittleEndian(body[4..]),
            BinaryPrimitives.ReadUInt32LittleEndian(body),
            (BinaryPrimitives.ReadInt32LittleEndian(body[8..]), BinaryPrimitives.ReadInt32LittleEndian(body[12..]), BinaryPrimitives.ReadInt32LittleEndian(body[16..])),
            body[ScoringFieldsSize..]);
    }

    /// <summary>Version 1: "ERSC", u16 1, u16 flags, u32 model checksum, u32 outputs, long and short window, the same values, CRC-32 of all before.</summary>
    private void RestoreScoringVersion1(ReadOnlySpan<byte> source)
    {
        int size = ScoringStateSize - CheckedBlob.Overhead - ScoringFieldsSize + ScoringVersion1HeaderSize + 4;
        if (source.Length < ScoringVersion1HeaderSize + 4)
        {
            throw new ModelFormatException($"Expected {ScoringWhat} of version 1 of {size} bytes for this model; found {source.Length} bytes.");
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(source[^4..]);
        uint actual = Crc32.Compute(source[..^4]);
        if (crc != actual)
        {
            throw new ModelFormatException($"Expected {ScoringWhat} of version 1 with CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
        }

        ApplyScoringState(
            source.Length,
            size,
            BinaryPrimitives.ReadUInt16LittleEndian(source[6..]),
            BinaryPrimitives.ReadUInt32LittleEndian(source[8..]),
            (BinaryPrimitives.ReadInt32LittleEndian(source[12..]), BinaryPrimitives.ReadInt32LittleEndian(source[16..]), BinaryPrimitives.ReadInt32LittleEndian(source[20..])),
            source[ScoringVersion1HeaderSize..^4]);
    }

    /// <summary>Checks the flags, the model, the sizes and every value, then restores them (all or nothing).</summary>
    /// <param name="length">The saved bytes' length.</param>
    /// <param name="size">The length this detector implies for their version.</param>
    /// <param name="flags">The stated flags.</param>
    /// <param name="checksum">The stated model checksum.</param>
    /// <param name="sizes">The stated outputs, long window and short window.</param>
    /// <param name="values">From the prediction to the end of the short window.</param>
    private void ApplyScoringState(int length, int size, uint flags, uint checksum, (int Outputs, int Long, int Short) sizes, ReadOnlySpan<byte> values)
    {
        if (flags > 1)
        {
            throw new ModelFormatException($"Expected saved scorer state flags 0 or 1; found {flags}.");
        }

        if (checksum != Model.Checksum)
        {
            throw new ModelFormatException($"Expected a scorer state saved with the model of checksum 0x{Model.Checksum:X8}; found one from model 0x{checksum:X8}.");
        }

        if (sizes.Outputs != _prediction.Length || sizes.Long != _long.Length || sizes.Short != _short.Length)
        {
            throw new ModelFormatException($"Expected {_prediction.Length} outputs and error windows of {_long.Length} and {_short.Length}; found {sizes.Outputs}, {sizes.Long} and {sizes.Short}.");
        }

        if (length != size)
        {
            throw new ModelFormatException($"Expected a saved scorer state of {size} bytes for this model; found {length} bytes.");
        }

        int outputs = sizes.Outputs;
        var prediction = values[..(4 * outputs)];
        for (int k = 0; k < outputs; k++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(prediction[(4 * k)..]);
            if (!float.IsFinite(value))
            {
                throw new ModelFormatException($"Expected a finite saved prediction; found {value} for output {k}.");
            }
        }

        var longBytes = values.Slice(prediction.Length, _long.SerializedSize);
        var shortBytes = values.Slice(prediction.Length + longBytes.Length, _short.SerializedSize);
        var windowBytes = values[(prediction.Length + longBytes.Length + shortBytes.Length)..];
        string? problem = _long.Check(longBytes) is { } longProblem ? "long window: " + longProblem
            : _short.Check(shortBytes) is { } shortProblem ? "short window: " + shortProblem
            : _window?.Check(windowBytes) is { } windowProblem ? "window of samples: " + windowProblem
            : null;
        if (problem is not null)
        {
            throw new ModelFormatException($"Expected a valid saved error window; {problem}.");
        }

        for (int k = 0; k < outputs; k++)
        {
            _prediction[k] = BinaryPrimitives.ReadSingleLittleEndian(prediction[(4 * k)..]);
        }

        _long.ReadFrom(longBytes);
        _short.ReadFrom(shortBytes);
        _window?.ReadFrom(windowBytes);
        _hasPrediction = flags == 1;
        Array.Clear(_contributions);
    }
}
