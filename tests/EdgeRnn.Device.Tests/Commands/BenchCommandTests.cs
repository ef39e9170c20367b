using System.CommandLine;
using EdgeRnn.Device.Commands;

namespace EdgeRnn.Device.Tests.Commands;

public sealed class BenchCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("edgernn-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Bench_BundledModel_FourRowsWithZeroBytesPerStep()
    {
        var output = new StringWriter();

        int exit = Invoke(output, "bench", "--model", DemoCommand.ModelPath, "--steps", "200", "--warmup", "10", "--warmup-seconds", "0", "--streams", "4");

        Assert.Equal(0, exit);
        string[] rows = output.ToString().Split('\n').Where(l => l.StartsWith("int8", StringComparison.Ordinal) || l.StartsWith("float32", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.EndsWith(" 0", r.TrimEnd(), StringComparison.Ordinal));
        Assert.Contains("pump.ernn", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_CorruptModel_ExitsOneSayingWhy()
    {
        string path = Path.Combine(_directory, "bad.ernn");
        File.WriteAllBytes(path, [1, 2, 3]);
        var error = new StringWriter();

        int exit = Invoke(TextWriter.Null, "bench", "--model", path, error: error);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error.ToString(), StringComparison.Ordinal);
    }

    private static int Invoke(TextWriter output, params string[] args) => Invoke(output, args, TextWriter.Null);

    private static int Invoke(TextWriter output, string a, string b, string c, TextWriter error) => Invoke(output, [a, b, c], error);

    private static int Invoke(TextWriter output, string[] args, TextWriter error) =>
        Program.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
}
