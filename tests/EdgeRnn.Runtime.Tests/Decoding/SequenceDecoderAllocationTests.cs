using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests.Decoding;

public class SequenceDecoderAllocationTests
{
    private const int Runs = 300;

    public static TheoryData<CellKind, AttentionKind, bool> Configurations() => RnnSequenceDecoderTests.Configurations();

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Run_ManyWindowsOfEveryLength_AllocatesNothing(CellKind kind, AttentionKind attention, bool int8)
    {
        var definition = RnnSequenceDecoderTests.Decorated(Seq2SeqModels.Random(kind, 5, 33, 2, 2, 10, attention, seed: 3, width: 7, int8: int8), seed: 1);
        var runner = RnnModel.FromDefinition(definition).CreateSequenceDecoder(32);
        float[] window = RnnSequenceDecoderTests.Window(new Random(2), 32, 5);
        window[17] = float.NaN;
        var outputs = new float[20];
        for (int i = 0; i < 3; i++)
        {
            runner.Run(window, outputs);
        }

        long allocated = ThreadAllocations.LeastOf(() =>
        {
            for (int r = 0; r < Runs; r++)
            {
                int steps = 1 + (r % 32);
                runner.Run(window.AsSpan(0, steps * 5), outputs);
            }
        });

        Assert.Equal(0, allocated);
        Assert.All(outputs, v => Assert.True(float.IsFinite(v)));
    }
}
