namespace EdgeRnn.Trainer.Tests.Commands.Dialects;

/// <summary>The recordings the dialect tests write in every <see cref="RecordingDialect"/>.</summary>
internal static class DialectData
{
    public static readonly DateTime Start = new(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc);

    /// <summary>
    /// Two sine channels with noise, one row per second: timestamp, a, b, a 0/1 label (1 where a is positive) under
    /// <paramref name="labelName"/>, and, with <paramref name="note"/>, a text column that needs quoting.
    /// </summary>
    public static string Sine(RecordingDialect dialect, int rows, string labelName = "label", bool note = true, int seed = 1)
    {
        var random = new Random(seed);
        var lines = new List<object[]>();
        for (int t = 0; t < rows; t++)
        {
            double a = Math.Sin(2 * Math.PI * t / 50) + (0.05 * Gaussian(random));
            double b = Math.Sin(2 * Math.PI * t / 23) + (0.05 * Gaussian(random));
            object[] row = [Start.AddSeconds(t), a, b, a > 0 ? 1 : 0];
            lines.Add(note ? [.. row, dialect.Note] : row);
        }

        string[] names = ["timestamp", "a", "b", labelName];
        return dialect.Write(note ? [.. names, "note"] : names, lines);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
