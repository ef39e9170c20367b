namespace EdgeRnn.Runtime.Tests.Kernels;

/// <summary>The (rows, cols) pairs every kernel is tested at: each length 0..257 as rows and as columns.</summary>
internal static class KernelShapes
{
    public static IEnumerable<(int Rows, int Cols)> All()
    {
        for (int n = 0; n <= 257; n++)
        {
            yield return (n, 7);
            yield return (n, 33);
            yield return (17, n);
            yield return (64, n);
        }
    }
}
