using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class StatePersistenceTests
{
    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.RnnTanh)]
    public void Restore_SavedState_ContinuesExactlyAsTheOriginal(CellKind kind)
    {
        var model = RnnModel.FromDefinition(CellModels.Create(kind, 3, 9, 2, 3, false));
        var original = model.CreateState();
        var output = new float[3];
        for (int t = 0; t < 20; t++)
        {
            original.Step([t, -t, 0.5f * t], output);
        }

        byte[] saved = original.ToBytes();
        var restored = model.CreateState();
        restored.Restore(saved);

        var expected = new float[3];
        original.Step([1, 2, 3], expected);
        restored.Step([1, 2, 3], output);
        Assert.Equal(expected, output);
    }

    [Fact]
    public void SaveTo_Warm_AllocatesNothing()
    {
        var state = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 9, 2, 3, false)).CreateState();
        state.Step([1, 2, 3], new float[3]);
        var buffer = new byte[state.SerializedSize];
        state.SaveTo(buffer);

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int i = 0; i < 100; i++)
            {
                state.SaveTo(buffer);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TrySaveTo_ShortOrLargeEnoughDestination_WritesNothingOrWhatToBytesGives()
    {
        var state = RnnModel.FromDefinition(CellModels.Create(CellKind.Gru, 3, 9, 2, 3, false)).CreateState();
        state.Step([1, 2, 3], new float[3]);
        var buffer = new byte[state.SerializedSize + 10];

        bool shortWritten = state.TrySaveTo(buffer.AsSpan(0, state.SerializedSize - 1), out int none);
        bool written = state.TrySaveTo(buffer, out int bytes);

        Assert.False(shortWritten);
        Assert.Equal(0, none);
        Assert.True(written);
        Assert.Equal(state.ToBytes(), buffer[..bytes]);
    }

    [Fact]
    public void Restore_StateOfAnotherModel_ThrowsAndKeepsState()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 9, 1, 3, false, seed: 1));
        var other = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 9, 1, 3, false, seed: 2));
        var state = model.CreateState();
        state.Step([1, 2, 3], new float[3]);
        float[] before = state.Hidden(0).ToArray();

        var ex = Assert.Throws<ModelFormatException>(() => state.Restore(other.CreateState().ToBytes()));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, state.Hidden(0).ToArray());
    }

    [Fact]
    public void Restore_EveryByteFlippedOrTruncated_ThrowsModelFormatException()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Gru, 2, 5, 1, 2, false));
        var state = model.CreateState();
        state.Step([1, 2], new float[2]);
        byte[] saved = state.ToBytes();
        for (int i = 0; i < saved.Length; i++)
        {
            byte[] corrupt = (byte[])saved.Clone();
            corrupt[i] ^= 0x10;
            Assert.Throws<ModelFormatException>(() => model.CreateState().Restore(corrupt));
            Assert.Throws<ModelFormatException>(() => model.CreateState().Restore(saved.AsSpan(0, i)));
        }
    }
}
