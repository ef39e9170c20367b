using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class GemvManyTests
{
    [Fact]
    public void FloatMultiplyAddMany_EveryLength_BitIdenticalToSingleCalls()
    {
        var random = new Random(31);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            int count = 1 + ((rows + cols) % 9);
            var packed = PackedFloatMatrix.Pack(FloatGemvTests.RandomVector(random, rows * cols), rows, cols);
            int stride = packed.PaddedRows;
            float[] xs = FloatGemvTests.RandomVector(random, count * (cols + 1));
            float[] init = FloatGemvTests.RandomVector(random, count * stride);
            var many = new float[count * stride];
            FloatGemv.MultiplyAddMany(packed, xs, cols + 1, init, stride, many, stride, count);
            var shared = new float[count * stride];
            FloatGemv.MultiplyAddMany(packed, xs, cols + 1, init, 0, shared, stride, count);

            var single = new float[stride];
            for (int s = 0; s < count; s++)
            {
                FloatGemv.MultiplyAdd(packed, xs.AsSpan(s * (cols + 1), cols), init.AsSpan(s * stride, stride), single);
                Assert.True(single.AsSpan().SequenceEqual(many.AsSpan(s * stride, stride)), $"rows {rows} cols {cols} stream {s}");
                FloatGemv.MultiplyAdd(packed, xs.AsSpan(s * (cols + 1), cols), init.AsSpan(0, stride), single);
                Assert.True(single.AsSpan().SequenceEqual(shared.AsSpan(s * stride, stride)), $"shared init: rows {rows} cols {cols} stream {s}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Int8MultiplyAddMany_EveryLength_BitIdenticalToSingleCalls(int layoutIndex)
    {
        var layout = (Int8Layout)layoutIndex;
        var random = new Random(32);
        foreach (var (rows, cols) in KernelShapes.All())
        {
            int count = 1 + ((rows + cols) % 9);
            var (q, scales) = Int8GemvTests.RandomInt8(random, rows, cols, extremes: cols % 5 == 0);
            var packed = PackedInt8Matrix.Pack(q, scales, rows, cols, layout);
            int stride = packed.PaddedRows;
            int qStride = packed.PaddedCols;
            var qs = new sbyte[count * qStride];
            var xScales = new float[count];
            for (int s = 0; s < count; s++)
            {
                xScales[s] = Int8Quantizer.Quantize(FloatGemvTests.RandomVector(random, cols), qs.AsSpan(s * qStride, qStride));
            }

            float[] init = FloatGemvTests.RandomVector(random, count * stride);
            var many = new float[count * stride];
            Int8Gemv.MultiplyAddMany(packed, qs, qStride, xScales, init, stride, many, stride, count);

            var single = new float[stride];
            for (int s = 0; s < count; s++)
            {
                Int8Gemv.Scalar(packed, qs.AsSpan(s * qStride, qStride), xScales[s], init.AsSpan(s * stride, stride), single);
                Assert.True(single.AsSpan().SequenceEqual(many.AsSpan(s * stride, stride)), $"{layout} rows {rows} cols {cols} stream {s}");
            }
        }
    }
}
