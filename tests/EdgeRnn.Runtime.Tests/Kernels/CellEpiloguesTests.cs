using EdgeRnn.Runtime.Kernels;

namespace EdgeRnn.Runtime.Tests.Kernels;

public class CellEpiloguesTests
{
    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    [Fact]
    public void Lstm_EveryLength_MatchesDoubleReference()
    {
        var random = new Random(21);
        for (int n = 0; n <= 257; n++)
        {
            float[] gates = Scaled(FloatGemvTests.RandomVector(random, 4 * n), 6);
            float[] c = FloatGemvTests.RandomVector(random, n);
            float[] c0 = (float[])c.Clone();
            var h = new float[n];
            CellEpilogues.Lstm(gates, c, h);
            for (int j = 0; j < n; j++)
            {
                double cell = (Sigmoid(gates[n + j]) * c0[j]) + (Sigmoid(gates[j]) * Math.Tanh(gates[(3 * n) + j]));
                double hidden = Sigmoid(gates[(2 * n) + j]) * Math.Tanh(cell);
                Assert.True(Math.Abs(c[j] - cell) <= 2e-6, $"n {n} c[{j}]: {c[j]} vs {cell}");
                Assert.True(Math.Abs(h[j] - hidden) <= 2e-6, $"n {n} h[{j}]: {h[j]} vs {hidden}");
            }
        }
    }

    [Fact]
    public void Lstm_EveryLength_BitIdenticalToScalarForm()
    {
        // Specials (zeros, huge values, infinities, NaN) land in every lane position of the vector bodies and in the
        // scalar tail, in gates and in c; a NaN must come out NaN wherever it falls.
        var random = new Random(24);
        float[] specials = LstmActivationsTests.Specials;
        for (int n = 0; n <= 257; n++)
        {
            float[] gates = Scaled(FloatGemvTests.RandomVector(random, 4 * n), 6);
            float[] c = FloatGemvTests.RandomVector(random, n);
            Sprinkle(random, gates, specials);
            Sprinkle(random, c, specials);
            float[] c0 = (float[])c.Clone();
            var h = new float[n];
            CellEpilogues.Lstm(gates, c, h);
            for (int j = 0; j < n; j++)
            {
                float cell = MulAdd.Of(LstmActivations.Sigmoid(gates[n + j]), c0[j], LstmActivations.SigmoidTimesTanh(gates[j], gates[(3 * n) + j]));
                LstmActivationsTests.AssertSame(cell, c[j], $"n {n} c[{j}]");
                LstmActivationsTests.AssertSame(LstmActivations.Hidden(gates[(2 * n) + j], cell), h[j], $"n {n} h[{j}]");
            }
        }
    }

    [Fact]
    public void LstmThenDot_EveryLength_BitIdenticalToLstmThenRowGemv()
    {
        // The head taken from the registers (H a multiple of 16 on the 512-bit path) and the separate calls (any other
        // length or instruction set) alike, with and without the affine end.
        var random = new Random(26);
        for (int n = 0; n <= 257; n++)
        {
            foreach (bool affine in new[] { true, false })
            {
                float[] gates = Scaled(FloatGemvTests.RandomVector(random, 4 * n), 6);
                float[] c = FloatGemvTests.RandomVector(random, n);
                float[] c2 = (float[])c.Clone();
                float[] bias = FloatGemvTests.RandomVector(random, 1);
                var head = new DenseRow(PackedRowMatrix.Pack(FloatGemvTests.RandomVector(random, n), 1, n), bias[0], 1.7f, -0.3f, affine);
                var h = new float[n];
                var h2 = new float[n];
                var y = new float[1];
                var expected = new float[1];

                CellEpilogues.LstmThenDot(gates, c, h, head, y);
                CellEpilogues.Lstm(gates, c2, h2);
                RowGemv.MultiplyAdd(head.Weights, h2, bias, expected);
                expected[0] = affine ? (expected[0] * 1.7f) + -0.3f : expected[0];

                Assert.True(c.AsSpan().SequenceEqual(c2) && h.AsSpan().SequenceEqual(h2), $"n {n}: c or h differ");
                Assert.True(BitConverter.SingleToInt32Bits(y[0]) == BitConverter.SingleToInt32Bits(expected[0]), $"n {n} affine {affine}: {y[0]} vs {expected[0]}");
            }
        }
    }

    [Fact]
    public void GruThenDot_EveryLength_BitIdenticalToGruThenRowGemv()
    {
        // The head taken from the registers (H a multiple of 16 on the 512-bit path) and the separate calls (any other
        // length or instruction set) alike, with and without the affine end.
        var random = new Random(27);
        for (int n = 0; n <= 257; n++)
        {
            foreach (bool affine in new[] { true, false })
            {
                float[] a = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
                float[] b = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
                float[] h = FloatGemvTests.RandomVector(random, n);
                float[] h2 = (float[])h.Clone();
                float[] bias = FloatGemvTests.RandomVector(random, 1);
                var head = new DenseRow(PackedRowMatrix.Pack(FloatGemvTests.RandomVector(random, n), 1, n), bias[0], 1.7f, -0.3f, affine);
                var y = new float[1];
                var expected = new float[1];

                CellEpilogues.GruThenDot(a, b, h, head, y);
                CellEpilogues.Gru(a, b, h2);
                RowGemv.MultiplyAdd(head.Weights, h2, bias, expected);
                expected[0] = affine ? (expected[0] * 1.7f) + -0.3f : expected[0];

                Assert.True(h.AsSpan().SequenceEqual(h2), $"n {n}: h differs");
                Assert.True(BitConverter.SingleToInt32Bits(y[0]) == BitConverter.SingleToInt32Bits(expected[0]), $"n {n} affine {affine}: {y[0]} vs {expected[0]}");
            }
        }
    }

    [Fact]
    public void Gru_EveryLength_BitIdenticalToScalarForm()
    {
        var random = new Random(25);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
            float[] b = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
            float[] h = FloatGemvTests.RandomVector(random, n);
            float[] h0 = (float[])h.Clone();
            CellEpilogues.Gru(a, b, h);
            for (int j = 0; j < n; j++)
            {
                float r = Activations.Sigmoid(a[j] + b[j]);
                float z = Activations.Sigmoid(a[n + j] + b[n + j]);
                float candidate = Activations.Tanh(MulAdd.Of(r, b[(2 * n) + j], a[(2 * n) + j]));
                float expected = MulAdd.Of(z, h0[j] - candidate, candidate);
                Assert.True(expected.Equals(h[j]), $"n {n} h[{j}]: {h[j]} vs {expected}");
            }
        }
    }

    [Fact]
    public void Gru_EveryLength_MatchesDoubleReference()
    {
        var random = new Random(22);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
            float[] b = Scaled(FloatGemvTests.RandomVector(random, 3 * n), 6);
            float[] h = FloatGemvTests.RandomVector(random, n);
            float[] h0 = (float[])h.Clone();
            CellEpilogues.Gru(a, b, h);
            for (int j = 0; j < n; j++)
            {
                double r = Sigmoid(a[j] + b[j]);
                double z = Sigmoid(a[n + j] + b[n + j]);
                double candidate = Math.Tanh(a[(2 * n) + j] + (r * b[(2 * n) + j]));
                double expected = ((1 - z) * candidate) + (z * h0[j]);
                Assert.True(Math.Abs(h[j] - expected) <= 2e-6, $"n {n} h[{j}]: {h[j]} vs {expected}");
            }
        }
    }

    [Fact]
    public void Tanh_EveryLength_MatchesDoubleReference()
    {
        var random = new Random(23);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Scaled(FloatGemvTests.RandomVector(random, n), 8);
            var h = new float[n];
            CellEpilogues.Tanh(a, h);
            for (int j = 0; j < n; j++)
            {
                Assert.True(Math.Abs(h[j] - Math.Tanh(a[j])) <= 1e-6, $"n {n} h[{j}]");
            }
        }
    }

    [Fact]
    public void Relu_EveryLength_IsMathMaxWithZeroToTheBit()
    {
        // The reference is IEEE 754 maximum (MathF.Max, as TensorPrimitives.Max gave before): NaN kept with its
        // payload, −0 → +0. Specials land in every lane position of the vector bodies and in the scalar tail.
        float[] specials = [0f, -0f, float.NaN, BitConverter.Int32BitsToSingle(unchecked((int)0xFFC00123)), float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue];
        var random = new Random(24);
        for (int n = 0; n <= 257; n++)
        {
            float[] a = Scaled(FloatGemvTests.RandomVector(random, n), 4);
            for (int j = 0; j < n; j++)
            {
                if (random.Next(4) == 0)
                {
                    a[j] = specials[random.Next(specials.Length)];
                }
            }

            var h = new float[n + 1];
            h[n] = 42f;
            CellEpilogues.Relu(a, h.AsSpan(0, n));
            for (int j = 0; j < n; j++)
            {
                int expected = BitConverter.SingleToInt32Bits(MathF.Max(a[j], 0f));
                Assert.True(expected == BitConverter.SingleToInt32Bits(h[j]), $"n {n} h[{j}]: relu({a[j]}) = {h[j]}, expected {MathF.Max(a[j], 0f)}");
                Assert.Equal(expected, BitConverter.SingleToInt32Bits(CellEpilogues.Relu(a[j])));
            }

            Assert.Equal(42f, h[n]);
        }
    }

    [Fact]
    public void Relu_LongerInput_ReadsOnlyTheFirstHValues()
    {
        float[] a = [-1f, 2f, -3f, 4f, 5f];
        var h = new float[3];

        CellEpilogues.Relu(a, h);

        Assert.Equal([0f, 2f, 0f], h);
    }

    private static void Sprinkle(Random random, float[] v, float[] specials)
    {
        for (int i = 0; i < v.Length; i++)
        {
            if (random.Next(16) == 0)
            {
                v[i] = specials[random.Next(specials.Length)];
            }
        }
    }

    private static float[] Scaled(float[] v, float factor)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= factor;
        }

        return v;
    }
}
