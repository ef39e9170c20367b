using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class RowGemvTests
{
    [Fact]
    public void MultiplyAdd_EveryLength_BitIdenticalToScalarAndCloseToRowMajorReference()
    {
        var random = new Random(11);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            float[] w = FloatGemvTests.RandomVector(random, rows * cols);
            float[] x = FloatGemvTests.RandomVector(random, cols);
            float[] bias = FloatGemvTests.RandomVector(random, rows);
            var packed = PackedRowMatrix.Pack(w, rows, cols);
            var fast = new float[rows];
            var scalar = new float[rows];

            RowGemv.MultiplyAdd(packed, x, bias, fast);
            RowGemv.Scalar(packed, x, bias, scalar);

            Assert.True(fast.AsSpan().SequenceEqual(scalar), $"rows {rows} cols {cols}: vector and scalar differ");
            for (int r = 0; r < rows; r++)
            {
                double expected = bias[r];
                double magnitude = Math.Abs(bias[r]);
                for (int c = 0; c < cols; c++)
                {
                    expected += (double)w[(r * cols) + c] * x[c];
                    magnitude += Math.Abs((double)w[(r * cols) + c] * x[c]);
                }

                Assert.True(Math.Abs(fast[r] - expected) <= 1e-6 * (magnitude + 1), $"rows {rows} cols {cols} row {r}: {fast[r]} vs {expected}");
            }
        }
    }

    [Fact]
    public void MultiplyAdd_SameSpanForInitAndOutput_Accumulates()
    {
        var random = new Random(12);
        var packed = PackedRowMatrix.Pack(FloatGemvTests.RandomVector(random, 5 * 13), 5, 13);
        float[] x = FloatGemvTests.RandomVector(random, 13);
        var once = new float[5];
        RowGemv.MultiplyAdd(packed, x, once, once);
        var twice = (float[])once.Clone();
        RowGemv.MultiplyAdd(packed, x, twice, twice);

        for (int r = 0; r < 5; r++)
        {
            Assert.Equal(2 * once[r], twice[r], 1e-5f);
        }
    }

    [Fact]
    public void MultiplyAdd_ShortOutputOrInput_ThrowsWithShapes()
    {
        var packed = PackedRowMatrix.Pack(new float[3 * 32], 3, 32);
        var ex = Assert.Throws<ArgumentException>(() => RowGemv.MultiplyAdd(packed, new float[32], new float[3], new float[2]));
        Assert.Contains("32", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => RowGemv.MultiplyAdd(packed, new float[31], new float[3], new float[3]));
    }
}
