using System.Runtime.Intrinsics;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class FloatGemvTests
{
    [Fact]
    public void MultiplyAdd_EveryLength_MatchesRowMajorReference()
    {
        var random = new Random(7);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            float[] w = RandomVector(random, rows * cols);
            float[] x = RandomVector(random, cols);
            float[] bias = RandomVector(random, PackedFloatMatrix.PadRows(rows));
            var packed = PackedFloatMatrix.Pack(w, rows, cols);
            var fast = new float[packed.PaddedRows];
            var scalar = new float[packed.PaddedRows];

            FloatGemv.MultiplyAdd(packed, x, bias, fast);
            FloatGemv.Scalar(packed, x, bias, scalar);

            for (int r = 0; r < rows; r++)
            {
                double expected = bias[r];
                double magnitude = Math.Abs(bias[r]);
                for (int c = 0; c < cols; c++)
                {
                    expected += (double)w[(r * cols) + c] * x[c];
                    magnitude += Math.Abs((double)w[(r * cols) + c] * x[c]);
                }

                double tolerance = 1e-6 * (magnitude + 1);
                Assert.True(Math.Abs(fast[r] - expected) <= tolerance, $"rows {rows} cols {cols} row {r}: {fast[r]} vs {expected}");
                Assert.True(Math.Abs(scalar[r] - expected) <= tolerance, $"scalar rows {rows} cols {cols} row {r}: {scalar[r]} vs {expected}");
            }
        }
    }

    [Fact]
    public void MultiplyAdd_Descending_BitIdenticalToAscending()
    {
        var random = new Random(8);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            var packed = PackedFloatMatrix.Pack(RandomVector(random, rows * cols), rows, cols);
            float[] x = RandomVector(random, cols);
            float[] bias = RandomVector(random, packed.PaddedRows);
            var up = new float[packed.PaddedRows];
            var down = new float[packed.PaddedRows];
            FloatGemv.MultiplyAdd(packed, x, bias, up);
            FloatGemv.MultiplyAdd(packed, x, bias, down, descending: true);
            Assert.True(up.AsSpan().SequenceEqual(down), $"rows {rows} cols {cols}");
        }
    }

    [Fact]
    public void MultiplyAddPair_EveryLength_BitIdenticalToTwoCalls()
    {
        var random = new Random(9);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            int otherCols = ((cols * 3) + 5) % 41;
            var a = PackedFloatMatrix.Pack(RandomVector(random, rows * cols), rows, cols);
            var b = PackedFloatMatrix.Pack(RandomVector(random, rows * otherCols), rows, otherCols);
            float[] xa = RandomVector(random, cols);
            float[] xb = RandomVector(random, otherCols);
            float[] bias = RandomVector(random, a.PaddedRows);
            foreach (bool descending in new[] { false, true })
            {
                var twoCalls = new float[a.PaddedRows];
                var pair = new float[a.PaddedRows];
                FloatGemv.MultiplyAdd(a, xa, bias, twoCalls, descending);
                FloatGemv.MultiplyAdd(b, xb, twoCalls, twoCalls, descending);
                FloatGemv.MultiplyAddPair(a, xa, b, xb, bias, pair, descending);
                Assert.True(twoCalls.AsSpan().SequenceEqual(pair), $"rows {rows} cols {cols} + {otherCols} descending {descending}");
            }
        }
    }

    [Fact]
    public void Lstm32_EveryInputWidth_BitIdenticalToPairEpilogueAndHead()
    {
        // Input widths 0..41 hit the eight-column groups, the remaining pairs and an odd last column of W_ih.
        var random = new Random(12);
        for (int cols = 0; cols <= 41; cols++)
        {
            var a = PackedFloatMatrix.Pack(Scaled(RandomVector(random, 128 * cols), 0.4f), 128, cols);
            var b = PackedFloatMatrix.Pack(Scaled(RandomVector(random, 128 * 32), 0.4f), 128, 32);
            var row = PackedRowMatrix.Pack(RandomVector(random, 32), 1, 32);
            float[] x = RandomVector(random, cols);
            float[] bias = RandomVector(random, 128);
            float[] headBias = RandomVector(random, 1);
            float[] h = RandomVector(random, 32);
            float[] c = RandomVector(random, 32);
            float[] h2 = (float[])h.Clone();
            float[] c2 = (float[])c.Clone();
            var gates = new float[128];
            var y = new float[1];
            var expected = new float[1];

            bool fused = FloatGemv.Lstm32(a, x, b, h, c, bias, new DenseRow(row, headBias[0], 0.8f, 2.5f, Affine: true), y);
            FloatGemv.MultiplyAddPair(a, x, b, h2, bias, gates);
            CellEpilogues.Lstm(gates, c2, h2);
            RowGemv.MultiplyAdd(row, h2, headBias, expected);
            expected[0] = (expected[0] * 0.8f) + 2.5f;

            Assert.Equal(Vector512.IsHardwareAccelerated, fused);
            if (fused)
            {
                Assert.True(h.AsSpan().SequenceEqual(h2) && c.AsSpan().SequenceEqual(c2), $"cols {cols}: h or c differ");
                Assert.Equal(BitConverter.SingleToInt32Bits(expected[0]), BitConverter.SingleToInt32Bits(y[0]));
            }
        }
    }

    [Fact]
    public void Gru32_EveryInputWidth_BitIdenticalToTwoProductsEpilogueAndHead()
    {
        // Input widths 0..257 hit the eight-column groups, the remaining pairs and an odd last column of W_ih; with the
        // head (affine or not) and without it.
        var random = new Random(13);
        for (int cols = 0; cols <= 257; cols++)
        {
            var a = PackedFloatMatrix.Pack(Scaled(RandomVector(random, 96 * cols), 0.4f), 96, cols);
            var b = PackedFloatMatrix.Pack(Scaled(RandomVector(random, 96 * 32), 0.4f), 96, 32);
            var row = PackedRowMatrix.Pack(RandomVector(random, 32), 1, 32);
            float[] x = RandomVector(random, cols);
            float[] biasIh = RandomVector(random, 96);
            float[] biasHh = RandomVector(random, 96);
            float[] headBias = RandomVector(random, 1);
            float[] h = RandomVector(random, 32);
            float[] h2 = (float[])h.Clone();
            var gi = new float[96];
            var gh = new float[96];
            var y = new float[1];
            var expected = new float[1];
            int mode = cols % 3;
            DenseRow? head = mode == 2 ? null : new DenseRow(row, headBias[0], 0.8f, 2.5f, Affine: mode == 0);

            bool fused = FloatGemv.Gru32(a, x, b, h, biasIh, biasHh, head, y);
            FloatGemv.MultiplyAdd(a, x, biasIh, gi);
            FloatGemv.MultiplyAdd(b, h2, biasHh, gh);
            CellEpilogues.Gru(gi, gh, h2);
            RowGemv.MultiplyAdd(row, h2, headBias, expected);
            expected[0] = mode == 0 ? (expected[0] * 0.8f) + 2.5f : expected[0];

            Assert.Equal(Vector512.IsHardwareAccelerated, fused);
            if (fused)
            {
                Assert.True(h.AsSpan().SequenceEqual(h2), $"cols {cols}: h differs");
                Assert.Equal(mode == 2 ? 0 : BitConverter.SingleToInt32Bits(expected[0]), BitConverter.SingleToInt32Bits(y[0]));
            }
        }
    }

    [Fact]
    public void Gru32_OtherShapes_DoNothing()
    {
        // Not 32 units, or a head of another width: the caller keeps the separate calls.
        var a = PackedFloatMatrix.Pack(new float[96 * 4], 96, 4);
        var b = PackedFloatMatrix.Pack(new float[96 * 32], 96, 32);
        var wide = PackedFloatMatrix.Pack(new float[144 * 48], 144, 48);
        float[] h = [.. Enumerable.Range(0, 32).Select(i => i * 0.1f)];
        float[] before = (float[])h.Clone();
        var y = new float[1];
        Assert.False(FloatGemv.Gru32(a, new float[4], wide, h, new float[144], new float[144], null, y));
        Assert.False(FloatGemv.Gru32(a, new float[4], b, h, new float[96], new float[96], new DenseRow(PackedRowMatrix.Pack(new float[33], 1, 33), 0, 1, 0, false), y));
        Assert.False(FloatGemv.Gru32(a, new float[3], b, h, new float[96], new float[96], null, y));
        Assert.Equal(before, h);
    }

    [Fact]
    public void MultiplyAddPair_DifferentRows_ThrowsWithShapes()
    {
        var a = PackedFloatMatrix.Pack(new float[32 * 3], 32, 3);
        var b = PackedFloatMatrix.Pack(new float[48 * 3], 48, 3);
        Assert.Throws<ArgumentException>(() => FloatGemv.MultiplyAddPair(a, new float[3], b, new float[3], new float[48], new float[48]));
    }

    [Fact]
    public void MultiplyAdd_SameSpanForInitAndOutput_Accumulates()
    {
        var random = new Random(3);
        float[] w = RandomVector(random, 40 * 9);
        float[] x = RandomVector(random, 9);
        var packed = PackedFloatMatrix.Pack(w, 40, 9);
        var once = new float[packed.PaddedRows];
        FloatGemv.MultiplyAdd(packed, x, once, once);
        var twice = (float[])once.Clone();
        FloatGemv.MultiplyAdd(packed, x, twice, twice);

        for (int r = 0; r < 40; r++)
        {
            Assert.Equal(2 * once[r], twice[r], 1e-5f);
        }
    }

    [Fact]
    public void MultiplyAdd_ShortOutput_ThrowsWithShapes()
    {
        var packed = PackedFloatMatrix.Pack(new float[20 * 3], 20, 3);
        var ex = Assert.Throws<ArgumentException>(() => FloatGemv.MultiplyAdd(packed, new float[3], new float[32], new float[20]));
        Assert.Contains("32", ex.Message, StringComparison.Ordinal);
    }

    private static float[] Scaled(float[] v, float factor)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= factor;
        }

        return v;
    }

    internal static float[] RandomVector(Random random, int length)
    {
        var v = new float[length];
        for (int i = 0; i < length; i++)
        {
            v[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return v;
    }
}
