using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeRnn.Device.Tests.Metrics;

/// <summary>A strict reader of the Prometheus text format 0.0.4, for checking what the device serves.</summary>
internal static partial class Exposition
{
    public static IReadOnlyList<(string Name, string Labels, double Value)> Parse(string text)
    {
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var samples = new List<(string, string, double)>();
        var types = new Dictionary<string, string>();
        foreach (string line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                Assert.Matches(HelpLine(), line);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var type = TypeLine().Match(line);
                Assert.True(type.Success, $"bad TYPE line: {line}");
                Assert.True(types.TryAdd(type.Groups[1].Value, type.Groups[2].Value), $"TYPE given twice: {line}");
                continue;
            }

            var sample = SampleLine().Match(line);
            Assert.True(sample.Success, $"bad sample line: '{line}'");
            string name = sample.Groups[1].Value;
            string family = types.ContainsKey(name) ? name : HistogramSuffix().Replace(name, string.Empty);
            Assert.True(types.ContainsKey(family), $"sample before its TYPE: {line}");
            string value = sample.Groups[3].Value;
            double parsed = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add((name, sample.Groups[2].Value, parsed));
        }

        return samples;
    }

    public static double Value(IReadOnlyList<(string Name, string Labels, double Value)> samples, string name, string labels = "") =>
        Assert.Single(samples, s => s.Name == name && s.Labels == labels).Value;

    [GeneratedRegex(@"^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* [^\n]*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\\n]|\\[\\""n])*"",?)*)\})? (NaN|[+-]Inf|[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
