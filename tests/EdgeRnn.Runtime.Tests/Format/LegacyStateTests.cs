using System.Buffers.Binary;
using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Cells;
using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>
/// Version-1 states (written before the envelope, kept in <see cref="LegacyStateFixtures"/>) still restore: restored, then
/// saved again as version 2, they give the same values byte for byte.
/// </summary>
public class LegacyStateTests
{
    [Fact]
    public void Restore_RecurrentVersion1_RestoresEveryValue()
    {
        byte[] old = LegacyStateFixtures.RecurrentVersion1;
        var state = LegacyStateModels.Recurrent().CreateState();

        state.Restore(old);
        byte[] now = state.ToBytes();

        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(now.AsSpan(4)));
        Assert.Equal(old.Length + 8, now.Length);
        Assert.Equal(state.Version1Size, old.Length);
        Assert.Equal(old[16..^4], now[24..^4]);
    }

    [Fact]
    public void Restore_RecurrentVersion1OfAnotherModel_ThrowsNamingTheChecksum()
    {
        var state = RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 2, 3, 2, 2, false, seed: 7)).CreateState();

        var ex = Assert.Throws<ModelFormatException>(() => state.Restore(LegacyStateFixtures.RecurrentVersion1));
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_RecurrentVersion1Damaged_ThrowsAndKeepsTheState()
    {
        byte[] old = LegacyStateFixtures.RecurrentVersion1;
        var state = LegacyStateModels.RecurrentRun();
        byte[] before = state.ToBytes();
        for (int i = 6; i < old.Length; i++)
        {
            byte[] bad = (byte[])old.Clone();
            bad[i] ^= 0x08;
            Assert.Throws<ModelFormatException>(() => state.Restore(bad));
            Assert.Throws<ModelFormatException>(() => state.Restore(old.AsSpan(0, i)));
        }

        Assert.Equal(before, state.ToBytes());
    }

    [Fact]
    public void Restore_UnknownVersion_SaysWhichAreRead()
    {
        var state = LegacyStateModels.RecurrentRun();
        byte[] blob = state.ToBytes();
        BinaryPrimitives.WriteUInt16LittleEndian(blob.AsSpan(4), 9);
        CheckedBlob.Seal(blob, "ERST"u8, 9);

        var ex = Assert.Throws<ModelFormatException>(() => state.Restore(blob));
        Assert.Equal("Expected a saved state (ERST) of version 2 or 1; found version 9.", ex.Message);
    }

    [Fact]
    public void Restore_EnvelopeAroundTooShortABody_ThrowsModelFormatException()
    {
        var detector = LegacyStateModels.Run(LegacyStateModels.Scoring(), 3);
        byte[] recurrent = new byte[CheckedBlob.Overhead + 4];
        byte[] scoring = new byte[CheckedBlob.Overhead + 4];
        CheckedBlob.Seal(recurrent, "ERST"u8, 2);
        CheckedBlob.Seal(scoring, "ERSC"u8, 2);

        Assert.Contains("bytes for this model", Assert.Throws<ModelFormatException>(() => detector.State.Restore(recurrent)).Message, StringComparison.Ordinal);
        Assert.Contains("bytes for this model", Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(scoring)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_ScorerStateAsRecurrentState_NamesBothMagics()
    {
        var detector = LegacyStateModels.Run(LegacyStateModels.Scoring(), 3);
        byte[] scoring = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(scoring);

        var ex = Assert.Throws<ModelFormatException>(() => detector.State.Restore(scoring));
        Assert.Equal("Expected a saved state (ERST) starting with \"ERST\"; found \"ERSC\".", ex.Message);
    }

    [Fact]
    public void RestoreScoringState_ScoringVersion1_RestoresEveryValue()
    {
        byte[] old = LegacyStateFixtures.ScoringVersion1;
        var detector = new AnomalyDetector(LegacyStateModels.Scoring());

        detector.RestoreScoringState(old);
        byte[] now = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(now);

        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(now.AsSpan(4)));
        Assert.Equal(BinaryPrimitives.ReadUInt16LittleEndian(old.AsSpan(6)), BinaryPrimitives.ReadUInt32LittleEndian(now.AsSpan(16)));
        Assert.Equal(old[24..^4], now[32..^4]);
    }

    [Fact]
    public void RestoreScoringState_ScoringVersion1Damaged_ThrowsAndChangesNothing()
    {
        byte[] old = LegacyStateFixtures.ScoringVersion1;
        var detector = LegacyStateModels.Run(LegacyStateModels.Scoring(), 7);
        byte[] before = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(before);
        for (int i = 6; i < old.Length; i += 3)
        {
            byte[] bad = (byte[])old.Clone();
            bad[i] ^= 0x40;
            Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(bad));
        }

        Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(old.AsSpan(0, old.Length - 8)));
        byte[] after = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(after);
        Assert.Equal(before, after);
    }

    [Fact]
    public void RestoreScoringState_DetectorVersion1_RestoresEveryValue()
    {
        byte[] old = LegacyStateFixtures.DetectorVersion1;
        var detector = new AnomalyDetector(LegacyStateModels.Detector());

        detector.RestoreScoringState(old);
        byte[] now = new byte[detector.ScoringStateSize];
        detector.SaveScoringState(now);

        const int members = 2;
        int member = detector.State.SerializedSize;
        Assert.Equal(2, BinaryPrimitives.ReadUInt16LittleEndian(now.AsSpan(4)));
        Assert.Equal(old.Length + 4 + (8 * members), now.Length);
        Assert.Equal(old[8..16], now[12..20]);
        for (int k = 0; k < members; k++)
        {
            var oldMember = old.AsSpan(16 + (k * (member - 8)), member - 8);
            var newMember = now.AsSpan(20 + (k * member), member);
            Assert.Equal(oldMember[16..^4].ToArray(), newMember[24..^4].ToArray());
        }

        Assert.Equal(old[(16 + (members * (member - 8)))..^4], now[(20 + (members * member))..^4]);
    }

    [Fact]
    public void RestoreScoringState_DetectorVersion1Damaged_Throws()
    {
        byte[] old = LegacyStateFixtures.DetectorVersion1;
        var detector = new AnomalyDetector(LegacyStateModels.Detector());
        byte[] bad = (byte[])old.Clone();
        bad[100] ^= 0x01;

        Assert.Contains("CRC-32", Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(bad)).Message, StringComparison.Ordinal);
        Assert.Contains("version 1", Assert.Throws<ModelFormatException>(() => detector.RestoreScoringState(old.AsSpan(0, old.Length - 1))).Message, StringComparison.Ordinal);
    }
}
