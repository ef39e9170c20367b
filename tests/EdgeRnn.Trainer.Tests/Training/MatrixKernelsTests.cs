using EdgeRnn.Training.Training;
using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class MatrixKernelsTests
{
    [Fact]
    public void Multiply_EveryWidth0To257_MatchesScalarReference()
    {
        for (int n = 0; n <= 257; n++)
        {
            Check<float>(m: 5, k: 3, n, transposed: n % 2 == 0, accumulate: n % 3 == 0, 1e-5);
            Check<double>(m: 6, k: 4, n, transposed: n % 2 == 1, accumulate: n % 3 == 1, 1e-12);
        }
    }

    [Fact]
    public void Multiply_EveryRowCountAndDepth_MatchesScalarReference()
    {
        for (int m = 0; m <= 9; m++)
        {
            foreach (int k in new[] { 0, 1, 2, 7, 64, 257 })
            {
                foreach (bool transposed in new[] { false, true })
                {
                    Check<float>(m, k, 33, transposed, accumulate: true, 1e-5);
                    Check<double>(m, k, 17, transposed, accumulate: false, 1e-12);
                }
            }
        }
    }

    private static void Check<T>(int m, int k, int n, bool transposed, bool accumulate, double tolerance)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var random = new DeterministicRandom((ulong)((m * 1000) + (k * 10) + n));
        var a = TestData.RandomValues<T>(Math.Max(1, m * k), 1, ref random);
        var b = TestData.RandomValues<T>(k * n, 1, ref random);
        var c = TestData.RandomValues<T>(m * n, 1, ref random);
        var expected = new double[m * n];
        int rowStride = transposed ? 1 : k;
        int colStride = transposed ? m : 1;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? double.CreateChecked(c[(i * n) + j]) : 0;
                for (int p = 0; p < k; p++)
                {
                    sum += double.CreateChecked(a[(i * rowStride) + (p * colStride)]) * double.CreateChecked(b[(p * n) + j]);
                }

                expected[(i * n) + j] = sum;
            }
        }

        MatrixKernels.Multiply<T>(a, rowStride, colStride, b, c, m, k, n, accumulate);

        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(double.CreateChecked(c[i]) - expected[i]);
            Assert.True(error <= tolerance * Math.Max(1, Math.Sqrt(k)) * 4, $"m={m} k={k} n={n} at {i}: {double.CreateChecked(c[i])} vs {expected[i]}");
        }
    }
}
