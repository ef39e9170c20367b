using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Cells;

public class BatchStepTests
{
    public static TheoryData<CellKind, bool, int> Shapes()
    {
        var data = new TheoryData<CellKind, bool, int>();
        foreach (var kind in CellModels.Kinds)
        {
            // 32: whole kernel blocks; 33 and 7: tails in the hidden size and in the unit count.
            foreach (int hidden in new[] { 7, 32, 33 })
            {
                data.Add(kind, false, hidden);
                data.Add(kind, true, hidden);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Step_NineStreams_BitIdenticalToSingleStates(CellKind kind, bool int8, int hidden)
    {
        const int streams = 9;
        const int inputs = 5;
        var model = RnnModel.FromDefinition(CellModels.Create(kind, inputs, hidden, 2, 4, int8, seed: hidden));
        var batch = model.CreateBatch(streams);
        var singles = Enumerable.Range(0, streams).Select(_ => model.CreateState()).ToArray();
        var random = new Random(hidden);
        var x = new float[streams * inputs];
        var y = new float[streams * 4];
        var expected = new float[4];
        for (int t = 0; t < 20; t++)
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = (float)((random.NextDouble() * 6) - 3);
            }

            batch.Step(x, y);
            for (int s = 0; s < streams; s++)
            {
                singles[s].Step(x.AsSpan(s * inputs, inputs), expected);
                Assert.True(expected.AsSpan().SequenceEqual(y.AsSpan(s * 4, 4)), $"{kind} int8 {int8} H {hidden} step {t} stream {s}");
                for (int k = 0; k < 2; k++)
                {
                    Assert.True(singles[s].Hidden(k).SequenceEqual(batch.Hidden(s, k)), $"{kind} h[{k}] step {t} stream {s}");
                    Assert.True(singles[s].Cell(k).SequenceEqual(batch.Cell(s, k)), $"{kind} c[{k}] step {t} stream {s}");
                }
            }
        }
    }
}
