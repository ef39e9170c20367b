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
    public void Restore_StateOfAnotherModel_ThrowsAndKeepsState()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 9, 1, 3, false, seed: 1));
        var other = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 3, 9, 1, 3, false, seed: 2));
        var state = model.CreateState();
        state.Step([1, 2, 3], new float[3]);
        float[] before = state.Hidden(0).ToArray();

        var ex = Assert.Throws<InvalidDataException>(() => state.Restore(other.CreateState().ToBytes()));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
        Assert.Equal(before, state.Hidden(0).ToArray());
    }

    [Fact]
    public void Restore_EveryByteFlippedOrTruncated_ThrowsInvalidData()
    {
        var model = RnnModel.FromDefinition(CellModels.Create(CellKind.Gru, 2, 5, 1, 2, false));
        var state = model.CreateState();
        state.Step([1, 2], new float[2]);
        byte[] saved = state.ToBytes();
        for (int i = 0; i < saved.Length; i++)
        {
            byte[] corrupt = (byte[])saved.Clone();
            corrupt[i] ^= 0x10;
            Assert.Throws<InvalidDataException>(() => model.CreateState().Restore(corrupt));
            Assert.Throws<InvalidDataException>(() => model.CreateState().Restore(saved.AsSpan(0, i)));
        }
    }
}
