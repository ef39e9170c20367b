using System.Buffers.Binary;
using System.Text;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Training.Engine;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Training.Training.Loop;

/// <summary>
/// Checkpoints: everything needed to continue training exactly where a completed epoch left off (weights, best weights,
/// optimiser moments, schedule and early-stopping counters, history). Little-endian binary in the runtime's
/// <see cref="CheckedBlob"/> envelope: magic "ERCK", version 2, length, the payload, CRC-32. Version 1 (before the envelope:
/// the magic "ERNNCKPT", int32 version 1, the same payload, CRC-32 of all before) still loads. Written to a temporary file,
/// then moved into place.
/// </summary>
internal sealed partial class NetworkTrainer
{
    private const ushort CheckpointVersion = 2;

    private static ReadOnlySpan<byte> CheckpointMagic => "ERCK"u8;

    private static ReadOnlySpan<byte> CheckpointVersion1Magic => "ERNNCKPT"u8;

    /// <summary>Set in the stored cell kind of a bidirectional network (older checkpoints never have it).</summary>
    private const int BidirectionalBit = 0x100;

    /// <summary>The stored cell kind's bits 16 to 31 hold the embedding width E (0 without one; older checkpoints never have it).</summary>
    private const int EmbeddingShift = 16;

    public void SaveCheckpoint(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Network is null)
        {
            throw new InvalidOperationException("Expected an initialised network to checkpoint; call Initialize or Fit first.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(new byte[CheckedBlob.HeaderSize]);
            writer.Write((int)Shape.Kind | (Shape.Bidirectional ? BidirectionalBit : 0) | (Shape.EmbeddingSize << EmbeddingShift));
            writer.Write(Shape.InputSize);
            writer.Write(Shape.HiddenSize);
            writer.Write(Shape.Layers);
            writer.Write(Shape.OutputSize);
            writer.Write(EpochsCompleted);
            writer.Write(BestEpoch);
            writer.Write(BestValidationLoss);
            writer.Write(EpochsWithoutImprovement);
            WriteFloats(writer, Network.Parameters);
            WriteFloats(writer, BestParameters ?? []);
            bool hasOptimizer = _optimizer is not null || _restoredOptimizerState is not null;
            writer.Write(hasOptimizer ? (int)_restoredOptimizerKind : -1);
            writer.Write(_optimizer?.Steps ?? _restoredOptimizerSteps);
            var state = _optimizer?.State ?? _restoredOptimizerState ?? [];
            writer.Write(state.Count);
            foreach (var vector in state)
            {
                WriteFloats(writer, vector);
            }

            var schedule = _restoredSchedule ?? (double.NaN, double.PositiveInfinity, 0);
            writer.Write(schedule.Rate);
            writer.Write(schedule.Best);
            writer.Write(schedule.Bad);
            writer.Write(_history.Count);
            foreach (var record in _history)
            {
                writer.Write(record.Epoch);
                writer.Write(record.TrainLoss);
                writer.Write(record.ValidationLoss);
                writer.Write(record.LearningRate);
                writer.Write(record.WindowsPerSecond);
                writer.Write(record.Seconds);
            }

            writer.Write(0u); // the CRC-32, written by CheckedBlob.Seal
        }

        var blob = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        CheckedBlob.Seal(blob, CheckpointMagic, CheckpointVersion);
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, blob);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a checkpoint written by <see cref="SaveCheckpoint"/> (version 2, or version 1 of earlier releases); <see cref="Fit"/> then continues from it.</summary>
    /// <exception cref="ModelFormatException">The file is not a checkpoint, is of another version, or is corrupt.</exception>
    public static NetworkTrainer LoadCheckpoint(string path)
    {
        byte[] bytes = File.ReadAllBytes(path);
        string what = $"a training checkpoint (ERCK) in '{path}'";
        if (bytes.AsSpan().StartsWith(CheckpointVersion1Magic))
        {
            CheckVersion1(bytes, what);
        }
        else
        {
            CheckedBlob.Open(bytes, CheckpointMagic, what, out ushort version);
            if (version != CheckpointVersion)
            {
                throw new ModelFormatException($"Expected {what} of version {CheckpointVersion} or 1; found version {version}.");
            }
        }

        try
        {
            // Both versions hold the payload from byte 12 to the CRC-32.
            using var reader = new BinaryReader(new MemoryStream(bytes, CheckedBlob.HeaderSize, bytes.Length - CheckedBlob.Overhead));
            int kind = reader.ReadInt32();
            var shape = new NetworkShape((CellKind)(kind & 0xFF), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), (kind & BidirectionalBit) != 0, kind >>> EmbeddingShift);
            var trainer = new NetworkTrainer(shape)
            {
                EpochsCompleted = reader.ReadInt32(),
                BestEpoch = reader.ReadInt32(),
                BestValidationLoss = reader.ReadDouble(),
                EpochsWithoutImprovement = reader.ReadInt32(),
            };
            trainer.Network = new SequenceNetwork<float>(trainer.Layout, ReadFloats(reader, trainer.Layout.Count));
            var best = ReadFloats(reader, -1);
            trainer.BestParameters = best.Length == 0 ? null : best;
            int optimizerKind = reader.ReadInt32();
            long steps = reader.ReadInt64();
            int vectors = reader.ReadInt32();
            var state = new float[vectors][];
            for (int i = 0; i < vectors; i++)
            {
                state[i] = ReadFloats(reader, trainer.Layout.Count);
            }

            if (optimizerKind >= 0)
            {
                trainer._restoredOptimizerKind = (OptimizerKind)optimizerKind;
                trainer._restoredOptimizerSteps = steps;
                trainer._restoredOptimizerState = state;
            }

            var schedule = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());
            trainer._restoredSchedule = double.IsNaN(schedule.Item1) ? null : schedule;
            int records = reader.ReadInt32();
            for (int i = 0; i < records; i++)
            {
                trainer._history.Add(new EpochRecord(reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble()));
            }

            return trainer;
        }
        catch (Exception e) when (e is EndOfStreamException or ArgumentException)
        {
            throw new ModelFormatException($"Checkpoint '{path}' does not hold what its header promises: {e.Message}", e);
        }
    }

    /// <summary>Version 1: "ERNNCKPT", int32 1, the payload, CRC-32 of all before.</summary>
    private static void CheckVersion1(byte[] bytes, string what)
    {
        if (bytes.Length < CheckedBlob.Overhead)
        {
            throw new ModelFormatException($"Expected {what} of version 1 of at least {CheckedBlob.Overhead} bytes; found {bytes.Length} bytes.");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4));
        uint actual = CheckedBlob.Crc32Of(bytes.AsSpan(0, bytes.Length - 4));
        if (stored != actual)
        {
            throw new ModelFormatException($"Expected {what} of version 1 with CRC-32 0x{stored:X8}; computed 0x{actual:X8}: the file is corrupt.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(CheckpointVersion1Magic.Length));
        if (version != 1)
        {
            throw new ModelFormatException($"Expected {what} of version 1 after the magic \"ERNNCKPT\"; found version {version}.");
        }
    }

    private static void WriteFloats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float v in values)
        {
            writer.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader reader, int expected)
    {
        int length = reader.ReadInt32();
        if ((expected >= 0 && length != expected) || length < 0 || length > reader.BaseStream.Length)
        {
            throw new ModelFormatException($"Expected a vector of {expected} values in the checkpoint; found {length}.");
        }

        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = reader.ReadSingle();
        }

        return values;
    }
}
