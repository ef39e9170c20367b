using System.Buffers.Binary;
using EdgeRnn.Device.Persistence;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Device.Tests.Persistence;

public sealed class StateStoreTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-state-").FullName;
    private readonly StringWriter _log = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RnnState Stepped(RnnModel model, int steps, int seed)
    {
        var state = model.CreateState();
        var random = new Random(seed);
        var input = new float[model.InputSize];
        var output = new float[model.OutputSize];
        for (int t = 0; t < steps; t++)
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = (float)random.NextDouble();
            }

            state.Step(input, output);
        }

        return state;
    }

    [Fact]
    public void Load_AfterSave_RestoresTheSameStateFromTheCurrentFile()
    {
        var model = SmallModels.Forecaster();
        var state = Stepped(model, 50, seed: 1);
        var store = new StateStore(_directory, _log);
        store.Save(state, 50, [9, 8, 7]);

        var fresh = model.CreateState();
        var result = new StateStore(_directory, _log).Load(fresh);
        Assert.Equal(StateSource.Current, result.Source);
        Assert.Equal(state.ToBytes(), fresh.ToBytes());
        Assert.Equal(50, result.Saved!.SampleIndex);
        Assert.Equal(1, result.Saved.Sequence);
        Assert.Equal([9, 8, 7], result.Saved.Extra.ToArray());
        Assert.Contains("restored from " + store.CurrentPath, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_Twice_KeepsThePreviousAndNoTemporaryFile()
    {
        var model = SmallModels.Forecaster();
        var store = new StateStore(_directory, _log);
        var first = Stepped(model, 5, seed: 1);
        store.Save(first, 5);
        store.Save(Stepped(model, 9, seed: 2), 9);
        Assert.True(File.Exists(store.CurrentPath));
        Assert.True(File.Exists(store.PreviousPath));
        Assert.False(File.Exists(store.TemporaryPath));
        Assert.Equal(2, store.Sequence);
        Assert.Equal(first.ToBytes(), StateFile.Decode(File.ReadAllBytes(store.PreviousPath)).State.ToArray());
    }

    [Fact]
    public void Load_CorruptCurrent_FallsBackToPreviousAndSaysWhy()
    {
        var model = SmallModels.Forecaster();
        var store = new StateStore(_directory, _log);
        var older = Stepped(model, 5, seed: 1);
        store.Save(older, 5);
        store.Save(Stepped(model, 9, seed: 2), 9);
        byte[] bytes = File.ReadAllBytes(store.CurrentPath);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(store.CurrentPath, bytes);

        var fresh = model.CreateState();
        var result = new StateStore(_directory, _log).Load(fresh);
        Assert.Equal(StateSource.Previous, result.Source);
        Assert.Equal(older.ToBytes(), fresh.ToBytes());
        Assert.Contains("corrupt", Assert.Single(result.Rejections), StringComparison.Ordinal);
        Assert.Contains("not using " + store.CurrentPath, _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_AfterCurrentWasRejected_KeepsTheGoodPrevious()
    {
        var model = SmallModels.Forecaster();
        var store = new StateStore(_directory, _log);
        var good = Stepped(model, 5, seed: 1);
        store.Save(good, 5);
        store.Save(Stepped(model, 9, seed: 2), 9);
        byte[] bytes = File.ReadAllBytes(store.CurrentPath);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(store.CurrentPath, bytes);

        var restarted = new StateStore(_directory, _log);
        var state = model.CreateState();
        Assert.Equal(StateSource.Previous, restarted.Load(state).Source);
        restarted.Save(state, 5);
        Assert.Equal(good.ToBytes(), StateFile.Decode(File.ReadAllBytes(store.PreviousPath)).State.ToArray());
        Assert.Equal(good.ToBytes(), StateFile.Decode(File.ReadAllBytes(store.CurrentPath)).State.ToArray());
    }

    [Fact]
    public void Load_TruncatedCurrentAndNoPrevious_StartsFreshWithStateUntouched()
    {
        var model = SmallModels.Forecaster();
        var store = new StateStore(_directory, _log);
        store.Save(Stepped(model, 5, seed: 1), 5);
        byte[] bytes = File.ReadAllBytes(store.CurrentPath);
        File.WriteAllBytes(store.CurrentPath, bytes[..^10]);

        var fresh = model.CreateState();
        byte[] before = fresh.ToBytes();
        var result = store.Load(fresh);
        Assert.Equal(StateSource.None, result.Source);
        Assert.Null(result.Saved);
        Assert.Equal(2, result.Rejections.Count);
        Assert.Contains("no such file", result.Rejections[1], StringComparison.Ordinal);
        Assert.Equal(before, fresh.ToBytes());
        Assert.Contains("starting fresh", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StateOfAnotherModel_RejectedSayingSo()
    {
        var store = new StateStore(_directory, _log);
        store.Save(Stepped(SmallModels.Forecaster(seed: 1), 5, seed: 1), 5);

        var other = SmallModels.Forecaster(seed: 2).CreateState();
        var result = store.Load(other);
        Assert.Equal(StateSource.None, result.Source);
        Assert.Contains("another model", result.Rejections[0], StringComparison.Ordinal);
        Assert.Contains("state belongs to another model: starting fresh", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Save_AfterLoad_ContinuesTheSequence()
    {
        var model = SmallModels.Forecaster();
        var store = new StateStore(_directory, _log);
        for (int i = 0; i < 3; i++)
        {
            store.Save(Stepped(model, 2, i), i);
        }

        var restarted = new StateStore(_directory, _log);
        restarted.Load(model.CreateState());
        Assert.Equal(4, restarted.Save(model.CreateState(), 0).Sequence);
    }

    [Fact]
    public void Load_EmptyDirectory_NoneWithoutError()
    {
        var result = new StateStore(Path.Combine(_directory, "new", "dir"), _log).Load(SmallModels.Forecaster().CreateState());
        Assert.Equal(StateSource.None, result.Source);
        Assert.True(Directory.Exists(Path.Combine(_directory, "new", "dir")));
    }

    [Fact]
    public void Load_Version1FileOfVersion1State_Restores()
    {
        var model = SmallModels.Forecaster();
        var state = Stepped(model, 20, seed: 3);
        File.WriteAllBytes(Path.Combine(_directory, StateStore.DefaultFileName), Version1File(Version1State(state), sequence: 7, sampleIndex: 20));

        var fresh = model.CreateState();
        var result = new StateStore(_directory, _log).Load(fresh);

        Assert.Equal(StateSource.Current, result.Source);
        Assert.Equal(state.ToBytes(), fresh.ToBytes());
        Assert.Equal(7, result.Saved!.Sequence);
        Assert.Equal(20, result.Saved.SampleIndex);
    }

    /// <summary>The state as ERST version 1 (models/FORMAT.md §13.4, before the envelope) would hold it.</summary>
    private static byte[] Version1State(RnnState state)
    {
        byte[] now = state.ToBytes();
        var fields = CheckedBlob.Open(now, "ERST"u8, "ERST", out _);
        var old = new byte[now.Length - 8];
        "ERST"u8.CopyTo(old);
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(4), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(old.AsSpan(6), (ushort)BinaryPrimitives.ReadUInt32LittleEndian(fields[4..]));
        BinaryPrimitives.WriteUInt32LittleEndian(old.AsSpan(8), BinaryPrimitives.ReadUInt32LittleEndian(fields));
        BinaryPrimitives.WriteUInt32LittleEndian(old.AsSpan(12), BinaryPrimitives.ReadUInt32LittleEndian(fields[8..]));
        fields[12..].CopyTo(old.AsSpan(16));
        BinaryPrimitives.WriteUInt32LittleEndian(old.AsSpan(old.Length - 4), CheckedBlob.Crc32Of(old.AsSpan(0, old.Length - 4)));
        return old;
    }

    /// <summary>A state file as ERSF version 1 (before the envelope) would hold it, without extra bytes.</summary>
    private static byte[] Version1File(byte[] state, long sequence, long sampleIndex)
    {
        var file = new byte[40 + state.Length + 4];
        "ERSF"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(4), 1);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(8), sequence);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(16), sampleIndex);
        BinaryPrimitives.WriteInt64LittleEndian(file.AsSpan(24), 1_700_000_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(32), state.Length);
        state.CopyTo(file.AsSpan(40));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), CheckedBlob.Crc32Of(file.AsSpan(0, file.Length - 4)));
        return file;
    }
}
