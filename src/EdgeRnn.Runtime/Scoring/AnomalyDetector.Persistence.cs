using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;

namespace EdgeRnn.Runtime.Scoring;

public sealed partial class AnomalyDetector
{
    private const uint ScoringMagic = 0x43535245; // "ERSC" little-endian
    private const ushort ScoringVersion = 1;
    private const int ScoringHeaderSize = 24;

    /// <summary>The number of bytes <see cref="SaveScoringState"/> writes.</summary>
    /// <remarks>
    /// The scorer's own state, apart from the recurrent <see cref="State"/> (which has its own bytes): the prediction made
    /// for the next sample and the long and short windows of recent errors, so that a restarted device scores on from
    /// where it stopped instead of warming up again. Layout (little-endian): "ERSC", uint16 version 1, uint16 flags (bit 0:
    /// a prediction is held), uint32 model checksum, uint32 outputs, uint32 long window, uint32 short window, the
    /// prediction as float32, each window as uint32 count, uint32 next slot and its slots as float64, then the CRC-32 of
    /// everything before it.
    /// </remarks>
    /// <para>With a whole detector (<see cref="HasDetector"/>) the layout is "ERSD" instead: every other forecaster's
    /// recurrent state, the forecasts, and every window of the likelihood and change-point rule with their running sums, so
    /// that a restored detector scores on bit for bit as if it had not stopped (models/FORMAT.md).</para>
    public int ScoringStateSize => _ensemble is not null ? _ensemble.StateSize : ScoringHeaderSize + (4 * _prediction.Length) + _long.SerializedSize + _short.SerializedSize + 4;

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

        BinaryPrimitives.WriteUInt32LittleEndian(destination, ScoringMagic);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], ScoringVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)(_hasPrediction ? 1 : 0));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], Model.Checksum);
        BinaryPrimitives.WriteInt32LittleEndian(destination[12..], _prediction.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[16..], _long.Length);
        BinaryPrimitives.WriteInt32LittleEndian(destination[20..], _short.Length);
        int offset = ScoringHeaderSize;
        foreach (float value in _prediction)
        {
            BinaryPrimitives.WriteSingleLittleEndian(destination[offset..], value);
            offset += 4;
        }

        offset += _long.WriteTo(destination[offset..]);
        offset += _short.WriteTo(destination[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[offset..], Crc32.Compute(destination[..offset]));
        return offset + 4;
    }

    /// <summary>Restores the scorer's state saved by <see cref="SaveScoringState"/> from a detector of the same model and scoring; all or nothing.</summary>
    /// <param name="source">The saved bytes.</param>
    /// <exception cref="InvalidDataException">The bytes are corrupt, truncated, hold a non-finite value, or come from another model or other scoring windows; the detector is unchanged.</exception>
    public void RestoreScoringState(ReadOnlySpan<byte> source)
    {
        if (_ensemble is not null)
        {
            _ensemble.Restore(source, Model.Checksum);
            return;
        }

        int size = ScoringStateSize;
        if (source.Length != size)
        {
            throw new InvalidDataException($"Expected a saved scorer state of {size} bytes for this model; found {source.Length} bytes.");
        }

        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(source);
        if (magic != ScoringMagic)
        {
            throw new InvalidDataException($"Expected a saved scorer state starting with \"ERSC\" (0x{ScoringMagic:X8}); found 0x{magic:X8}.");
        }

        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(source[(size - 4)..]);
        uint actual = Crc32.Compute(source[..(size - 4)]);
        if (crc != actual)
        {
            throw new InvalidDataException($"Expected the saved scorer state's CRC-32 0x{crc:X8}; computed 0x{actual:X8}: the bytes are corrupt.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(source[4..]);
        ushort flags = BinaryPrimitives.ReadUInt16LittleEndian(source[6..]);
        if (version != ScoringVersion || flags > 1)
        {
            throw new InvalidDataException($"Expected saved scorer state version {ScoringVersion} with flags 0 or 1; found version {version}, flags {flags}.");
        }

        uint checksum = BinaryPrimitives.ReadUInt32LittleEndian(source[8..]);
        if (checksum != Model.Checksum)
        {
            throw new InvalidDataException($"Expected a scorer state saved with the model of checksum 0x{Model.Checksum:X8}; found one from model 0x{checksum:X8}.");
        }

        int outputs = BinaryPrimitives.ReadInt32LittleEndian(source[12..]);
        int longWindow = BinaryPrimitives.ReadInt32LittleEndian(source[16..]);
        int shortWindow = BinaryPrimitives.ReadInt32LittleEndian(source[20..]);
        if (outputs != _prediction.Length || longWindow != _long.Length || shortWindow != _short.Length)
        {
            throw new InvalidDataException($"Expected {_prediction.Length} outputs and error windows of {_long.Length} and {_short.Length}; found {outputs}, {longWindow} and {shortWindow}.");
        }

        var prediction = source.Slice(ScoringHeaderSize, 4 * outputs);
        for (int k = 0; k < outputs; k++)
        {
            float value = BinaryPrimitives.ReadSingleLittleEndian(prediction[(4 * k)..]);
            if (!float.IsFinite(value))
            {
                throw new InvalidDataException($"Expected a finite saved prediction; found {value} for output {k}.");
            }
        }

        var longBytes = source.Slice(ScoringHeaderSize + prediction.Length, _long.SerializedSize);
        var shortBytes = source.Slice(ScoringHeaderSize + prediction.Length + longBytes.Length, _short.SerializedSize);
        string? problem = _long.Check(longBytes) is { } longProblem ? "long window: " + longProblem
            : _short.Check(shortBytes) is { } shortProblem ? "short window: " + shortProblem
            : null;
        if (problem is not null)
        {
            throw new InvalidDataException($"Expected a valid saved error window; {problem}.");
        }

        for (int k = 0; k < outputs; k++)
        {
            _prediction[k] = BinaryPrimitives.ReadSingleLittleEndian(prediction[(4 * k)..]);
        }

        _long.ReadFrom(longBytes);
        _short.ReadFrom(shortBytes);
        _hasPrediction = flags == 1;
        Array.Clear(_contributions);
    }
}
