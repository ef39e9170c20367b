using System.Globalization;

namespace EdgeRnn.Trainer.Tests.Import;

internal static class Tolerance
{
    /// <summary>The golden tolerance of the issue: every output and state within 1e-4 absolute of PyTorch.</summary>
    public const double Golden = 1e-4;

    public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string where)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(expected[i] - actual[i]);
            if (!(error <= tolerance))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{where}, index {i}: expected {expected[i]:G9}; found {actual[i]:G9} (|error| {error:E2} > {tolerance:E0})."));
            }
        }
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double tolerance, string where)
    {
        var widened = new double[expected.Length];
        for (int i = 0; i < expected.Length; i++)
        {
            widened[i] = expected[i];
        }

        AssertClose(widened, actual, tolerance, where);
    }
}
