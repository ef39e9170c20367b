using System.Numerics;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>
/// The relative error used against reference values: err = |a − b| / max(|b|, 0.01 · max|reference tensor|), i.e.
/// element-wise relative, except that elements far below the tensor's own scale are measured against 1% of that scale.
/// </summary>
internal static class Tolerance
{
    public static double MaxRelativeError<T>(ReadOnlySpan<T> actual, ReadOnlySpan<double> expected)
        where T : INumberBase<T>
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = 0;
        foreach (double e in expected)
        {
            scale = Math.Max(scale, Math.Abs(e));
        }

        double floor = Math.Max(0.01 * scale, 1e-300);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double a = double.CreateChecked(actual[i]);
            worst = Math.Max(worst, Math.Abs(a - expected[i]) / Math.Max(Math.Abs(expected[i]), floor));
        }

        return worst;
    }

    public static T[] Convert<T>(ReadOnlySpan<double> values)
        where T : INumberBase<T>
    {
        var result = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = T.CreateChecked(values[i]);
        }

        return result;
    }
}
