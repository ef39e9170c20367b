using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// The matrix product behind every training step: C[m, n] = (accumulate ? C : 0) + A[m, k] · B[k, n], with B and C
/// row-major and contiguous and A addressed through strides, so that a transposed A (A = Dᵀ for a row-major D) costs no copy.
/// A 4-row × 2-vector register block of <see cref="Vector{T}"/> accumulators, then 1-vector and scalar tails.
/// </summary>
internal static class MatrixKernels
{
    /// <summary>C = (accumulate ? C : 0) + A · B, where A(i, p) = a[i · aRowStride + p · aColStride].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply<T>(
        ReadOnlySpan<T> a, int aRowStride, int aColStride, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (b.Length < k * n || c.Length < m * n || (k > 0 && a.Length <= ((m - 1) * aRowStride) + ((k - 1) * aColStride)))
        {
            throw new ArgumentException($"Expected A ≥ {m}×{k}, B ≥ {k}×{n} and C ≥ {m}×{n}; found lengths {a.Length}, {b.Length}, {c.Length}.");
        }

        ref T a0 = ref MemoryMarshal.GetReference(a);
        ref T b0 = ref MemoryMarshal.GetReference(b);
        ref T c0 = ref MemoryMarshal.GetReference(c);
        int width = Vector<T>.Count;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j + (2 * width) <= n; j += 2 * width)
                {
                    Block4x2(ref a0, aRowStride, aColStride, ref b0, ref c0, i, j, k, n, accumulate);
                }

                for (; j + width <= n; j += width)
                {
                    Block4x1(ref a0, aRowStride, aColStride, ref b0, ref c0, i, j, k, n, accumulate);
                }
            }

            for (; j < n; j++)
            {
                for (int r = i; r < i + 4; r++)
                {
                    ScalarCell(ref a0, aRowStride, aColStride, ref b0, ref c0, r, j, k, n, accumulate);
                }
            }
        }

        for (; i < m; i++)
        {
            int j = 0;
            if (Vector.IsHardwareAccelerated)
            {
                for (; j + width <= n; j += width)
                {
                    Block1x1(ref a0, aRowStride, aColStride, ref b0, ref c0, i, j, k, n, accumulate);
                }
            }

            for (; j < n; j++)
            {
                ScalarCell(ref a0, aRowStride, aColStride, ref b0, ref c0, i, j, k, n, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector<T> MultiplyAdd<T>(Vector<T> x, Vector<T> y, Vector<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            return Vector.MultiplyAddEstimate(x.As<T, float>(), y.As<T, float>(), addend.As<T, float>()).As<float, T>();
        }

        if (typeof(T) == typeof(double))
        {
            return Vector.MultiplyAddEstimate(x.As<T, double>(), y.As<T, double>(), addend.As<T, double>()).As<double, T>();
        }

        return (x * y) + addend;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x2<T>(
        ref T a0, int ars, int acs, ref T b0, ref T c0, int i, int j, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        ref T c00 = ref Unsafe.Add(ref c0, (i * n) + j);
        ref T c10 = ref Unsafe.Add(ref c00, n);
        ref T c20 = ref Unsafe.Add(ref c10, n);
        ref T c30 = ref Unsafe.Add(ref c20, n);
        Vector<T> s00 = Vector<T>.Zero, s01 = Vector<T>.Zero, s10 = Vector<T>.Zero, s11 = Vector<T>.Zero;
        Vector<T> s20 = Vector<T>.Zero, s21 = Vector<T>.Zero, s30 = Vector<T>.Zero, s31 = Vector<T>.Zero;
        if (accumulate)
        {
            s00 = Vector.LoadUnsafe(ref c00);
            s01 = Vector.LoadUnsafe(ref c00, (nuint)width);
            s10 = Vector.LoadUnsafe(ref c10);
            s11 = Vector.LoadUnsafe(ref c10, (nuint)width);
            s20 = Vector.LoadUnsafe(ref c20);
            s21 = Vector.LoadUnsafe(ref c20, (nuint)width);
            s30 = Vector.LoadUnsafe(ref c30);
            s31 = Vector.LoadUnsafe(ref c30, (nuint)width);
        }

        ref T ai = ref Unsafe.Add(ref a0, i * ars);
        ref T bj = ref Unsafe.Add(ref b0, j);
        for (int p = 0; p < k; p++)
        {
            ref T bp = ref Unsafe.Add(ref bj, p * n);
            var v0 = Vector.LoadUnsafe(ref bp);
            var v1 = Vector.LoadUnsafe(ref bp, (nuint)width);
            ref T ap = ref Unsafe.Add(ref ai, p * acs);
            var x0 = new Vector<T>(ap);
            var x1 = new Vector<T>(Unsafe.Add(ref ap, ars));
            var x2 = new Vector<T>(Unsafe.Add(ref ap, 2 * ars));
            var x3 = new Vector<T>(Unsafe.Add(ref ap, 3 * ars));
            s00 = MultiplyAdd(x0, v0, s00);
            s01 = MultiplyAdd(x0, v1, s01);
            s10 = MultiplyAdd(x1, v0, s10);
            s11 = MultiplyAdd(x1, v1, s11);
            s20 = MultiplyAdd(x2, v0, s20);
            s21 = MultiplyAdd(x2, v1, s21);
            s30 = MultiplyAdd(x3, v0, s30);
            s31 = MultiplyAdd(x3, v1, s31);
        }

        s00.StoreUnsafe(ref c00);
        s01.StoreUnsafe(ref c00, (nuint)width);
        s10.StoreUnsafe(ref c10);
        s11.StoreUnsafe(ref c10, (nuint)width);
        s20.StoreUnsafe(ref c20);
        s21.StoreUnsafe(ref c20, (nuint)width);
        s30.StoreUnsafe(ref c30);
        s31.StoreUnsafe(ref c30, (nuint)width);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block4x1<T>(
        ref T a0, int ars, int acs, ref T b0, ref T c0, int i, int j, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T c00 = ref Unsafe.Add(ref c0, (i * n) + j);
        ref T c10 = ref Unsafe.Add(ref c00, n);
        ref T c20 = ref Unsafe.Add(ref c10, n);
        ref T c30 = ref Unsafe.Add(ref c20, n);
        Vector<T> s0 = Vector<T>.Zero, s1 = Vector<T>.Zero, s2 = Vector<T>.Zero, s3 = Vector<T>.Zero;
        if (accumulate)
        {
            s0 = Vector.LoadUnsafe(ref c00);
            s1 = Vector.LoadUnsafe(ref c10);
            s2 = Vector.LoadUnsafe(ref c20);
            s3 = Vector.LoadUnsafe(ref c30);
        }

        ref T ai = ref Unsafe.Add(ref a0, i * ars);
        ref T bj = ref Unsafe.Add(ref b0, j);
        for (int p = 0; p < k; p++)
        {
            var v = Vector.LoadUnsafe(ref bj, (nuint)(p * n));
            ref T ap = ref Unsafe.Add(ref ai, p * acs);
            s0 = MultiplyAdd(new Vector<T>(ap), v, s0);
            s1 = MultiplyAdd(new Vector<T>(Unsafe.Add(ref ap, ars)), v, s1);
            s2 = MultiplyAdd(new Vector<T>(Unsafe.Add(ref ap, 2 * ars)), v, s2);
            s3 = MultiplyAdd(new Vector<T>(Unsafe.Add(ref ap, 3 * ars)), v, s3);
        }

        s0.StoreUnsafe(ref c00);
        s1.StoreUnsafe(ref c10);
        s2.StoreUnsafe(ref c20);
        s3.StoreUnsafe(ref c30);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Block1x1<T>(
        ref T a0, int ars, int acs, ref T b0, ref T c0, int i, int j, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T cij = ref Unsafe.Add(ref c0, (i * n) + j);
        var sum = accumulate ? Vector.LoadUnsafe(ref cij) : Vector<T>.Zero;
        ref T ai = ref Unsafe.Add(ref a0, i * ars);
        ref T bj = ref Unsafe.Add(ref b0, j);
        for (int p = 0; p < k; p++)
        {
            sum = MultiplyAdd(new Vector<T>(Unsafe.Add(ref ai, p * acs)), Vector.LoadUnsafe(ref bj, (nuint)(p * n)), sum);
        }

        sum.StoreUnsafe(ref cij);
    }

    private static void ScalarCell<T>(
        ref T a0, int ars, int acs, ref T b0, ref T c0, int i, int j, int k, int n, bool accumulate)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T cij = ref Unsafe.Add(ref c0, (i * n) + j);
        T sum = accumulate ? cij : T.Zero;
        ref T ai = ref Unsafe.Add(ref a0, i * ars);
        for (int p = 0; p < k; p++)
        {
            sum += Unsafe.Add(ref ai, p * acs) * Unsafe.Add(ref b0, (p * n) + j);
        }

        cij = sum;
    }

    /// <summary>Copies <paramref name="row"/> into each of the first <paramref name="rows"/> rows of <paramref name="matrix"/> (a bias before a product accumulates onto it).</summary>
    public static void FillRows<T>(Span<T> matrix, ReadOnlySpan<T> row, int rows)
    {
        for (int r = 0; r < rows; r++)
        {
            row.CopyTo(matrix.Slice(r * row.Length, row.Length));
        }
    }
}
