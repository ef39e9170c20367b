using System.Runtime.InteropServices;
using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class Int8GemvTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MultiplyAdd_EveryLength_BitIdenticalToRowMajorReference(int layoutIndex)
    {
        var layout = (Int8Layout)layoutIndex;
        var random = new Random(11);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            var (q, scales) = RandomInt8(random, rows, cols, extremes: rows % 3 == 0);
            float[] x = FloatGemvTests.RandomVector(random, cols);
            var packed = PackedInt8Matrix.Pack(q, scales, rows, cols, layout);
            var xq = new sbyte[packed.PaddedCols];
            float xScale = Int8Quantizer.Quantize(x, xq);
            float[] init = FloatGemvTests.RandomVector(random, packed.PaddedRows);
            var fast = new float[packed.PaddedRows];
            var scalar = new float[packed.PaddedRows];

            Int8Gemv.MultiplyAdd(packed, xq, xScale, init, fast);
            Int8Gemv.Scalar(packed, xq, xScale, init, scalar);

            for (int r = 0; r < rows; r++)
            {
                int acc = 0;
                for (int c = 0; c < cols; c++)
                {
                    acc += q[(r * cols) + c] * xq[c];
                }

                float expected = init[r] + (acc * (scales[r] * xScale));
                Assert.True(expected == fast[r], $"{layout} rows {rows} cols {cols} row {r}: {fast[r]} vs {expected}");
                Assert.True(expected == scalar[r], $"{layout} scalar rows {rows} cols {cols} row {r}: {scalar[r]} vs {expected}");
            }
        }
    }

    [Fact]
    public void MultiplyAdd_AllExtremeValues_NoSaturation()
    {
        // Every product is ±127·127 with the same sign: any saturating 16-bit pair sum would clip here.
        const int rows = 32;
        const int cols = 256;
        var q = new sbyte[rows * cols];
        Array.Fill(q, (sbyte)-127);
        var scales = Enumerable.Repeat(1f, rows).ToArray();
        var x = Enumerable.Repeat(-1f, cols).ToArray();
        foreach (var layout in new[] { Int8Layout.Widening, Int8Layout.DotProduct4 })
        {
            var packed = PackedInt8Matrix.Pack(q, scales, rows, cols, layout);
            var xq = new sbyte[packed.PaddedCols];
            float xScale = Int8Quantizer.Quantize(x, xq);
            var y = new float[packed.PaddedRows];
            Int8Gemv.MultiplyAdd(packed, xq, 1f, new float[packed.PaddedRows], y);
            Assert.Equal(127 * 127 * cols, y[0]);
            Assert.Equal(1f / 127, xScale, 1e-7f);
        }
    }

    [Fact]
    public void MultiplyAdd_InitAndYTheSameSpan_SameBitsAsSeparateSpans()
    {
        // An LSTM layer adds its recurrent product onto pre in place: each 16-row finish must read init before it stores.
        var random = new Random(13);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            var (q, scales) = RandomInt8(random, rows, cols, extremes: false);
            var packed = PackedInt8Matrix.Pack(q, scales, rows, cols, PackedInt8Matrix.PreferredLayout);
            var xq = new sbyte[packed.PaddedCols];
            float xScale = Int8Quantizer.Quantize(FloatGemvTests.RandomVector(random, cols), xq);
            float[] init = FloatGemvTests.RandomVector(random, packed.PaddedRows);
            var separate = new float[packed.PaddedRows];
            float[] inPlace = (float[])init.Clone();

            Int8Gemv.MultiplyAdd(packed, xq, xScale, init, separate);
            Int8Gemv.MultiplyAdd(packed, xq, xScale, inPlace, inPlace);

            Assert.True(MemoryMarshal.Cast<float, int>(separate).SequenceEqual(MemoryMarshal.Cast<float, int>(inPlace)), $"rows {rows} cols {cols}");
        }
    }

    [Fact]
    public void MaxAbs_NaNOrInfinityAtEveryPosition_IsFoundThere()
    {
        // The 128-bit path keeps four running maxima over 16 values a step, then one over 4, then a scalar tail: a
        // special value must win from any lane of any of them.
        for (int n = 1; n <= 70; n++)
        {
            for (int at = 0; at < n; at++)
            {
                var x = Enumerable.Range(0, n).Select(i => (i % 7) - 3.5f).ToArray();
                x[at] = float.NaN;
                Assert.True(float.IsNaN(Int8Quantizer.MaxAbs(x)), $"NaN: n {n} at {at}");
                var q = Enumerable.Repeat((sbyte)9, n).ToArray();
                Assert.Equal(0f, Int8Quantizer.Quantize(x, q));
                Assert.All(q, v => Assert.Equal(0, v));

                x[at] = float.NegativeInfinity;
                Assert.Equal(float.PositiveInfinity, Int8Quantizer.MaxAbs(x));

                x[at] = -1000f;
                Assert.Equal(1000f, Int8Quantizer.MaxAbs(x));
            }
        }
    }

    [Fact]
    public void Quantize_EveryLength_RoundsToNearestAndKeepsTheMaximum()
    {
        var random = new Random(5);
        for (int n = 0; n <= 257; n++)
        {
            float[] x = FloatGemvTests.RandomVector(random, n);
            var q = new sbyte[n + 4];
            float s = Int8Quantizer.Quantize(x, q);
            float max = x.Length == 0 ? 0f : x.Max(MathF.Abs);
            Assert.Equal(max, Int8Quantizer.MaxAbs(x));
            for (int i = 0; i < n; i++)
            {
                Assert.InRange(q[i], -127, 127);
                Assert.True(Math.Abs((q[i] * s) - x[i]) <= (s / 2) + 1e-6f, $"n {n} i {i}: {q[i]}·{s} vs {x[i]}");

                // Every vector width gives exactly the scalar reference's value.
                Assert.Equal((sbyte)(int)MathF.Round(x[i] * (127f / max)), q[i]);
            }

            Assert.Equal(0, q[n]);
        }
    }

    [Fact]
    public void Quantize_HalfwayValues_RoundToEvenAtEveryPosition()
    {
        // max 127 makes the scale 1, so x = k + 0.5 lands exactly halfway: 0.5 → 0, 1.5 → 2, 2.5 → 2, −2.5 → −2.
        for (int n = 1; n <= 40; n++)
        {
            var x = new float[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = (i % 4) switch { 0 => 0.5f, 1 => 1.5f, 2 => 2.5f, _ => -2.5f };
            }

            x[n - 1] = 127f;
            var q = new sbyte[n];

            Int8Quantizer.Quantize(x, q);

            for (int i = 0; i < n - 1; i++)
            {
                Assert.Equal((i % 4) switch { 0 => 0, 1 => 2, 2 => 2, _ => -2 }, (int)q[i]);
            }

            Assert.Equal(127, q[n - 1]);
        }
    }

    [Fact]
    public void Quantize_AllZero_ScaleZero()
    {
        var q = new sbyte[8];
        Assert.Equal(0f, Int8Quantizer.Quantize(new float[8], q));
        Assert.All(q, v => Assert.Equal(0, v));
    }

    internal static (sbyte[] Q, float[] Scales) RandomInt8(Random random, int rows, int cols, bool extremes)
    {
        var q = new sbyte[rows * cols];
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = extremes ? (sbyte)(random.Next(2) == 0 ? -127 : 127) : (sbyte)random.Next(-127, 128);
        }

        var scales = new float[rows];
        for (int r = 0; r < rows; r++)
        {
            scales[r] = (float)(random.NextDouble() * 0.02);
        }

        return (q, scales);
    }
}
