using System.CommandLine;
using System.Globalization;
using System.Text;
using EdgeRnn.Trainer.Commands;
using EdgeRnn.Trainer.Tests.Data;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary>Runs <c>edgernn train</c> and <c>edgernn generate</c> in-process and writes small generated recordings.</summary>
internal static class TrainCommandFixture
{
    /// <summary>Small, fast settings: everything else stays at its default.</summary>
    public static readonly string[] Small = ["--detector", "simple", "--hidden", "8", "--layers", "1", "--window", "24", "--epochs", "2", "--threads", "1"];

    public static (int ExitCode, string Output, string Error) Run(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand { TrainCommand.Create(), GenerateCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        int code = root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).GetAwaiter().GetResult();
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Two sine channels (periods 50 and 23 steps) plus 0.05 Gaussian noise, one row per second from 2023-11-14T22:13:20Z;
    /// with <paramref name="labels"/>, a label column that is 1 where channel a is positive.
    /// </summary>
    public static string SineCsv(TempFolder folder, string name, int rows, bool labels = false, int seed = 1)
    {
        var random = new Random(seed);
        var text = new StringBuilder(labels ? "timestamp,a,b,label\n" : "timestamp,a,b\n");
        for (int t = 0; t < rows; t++)
        {
            double a = Math.Sin(2 * Math.PI * t / 50) + (0.05 * Gaussian(random));
            double b = Math.Sin(2 * Math.PI * t / 23) + (0.05 * Gaussian(random));
            text.Append(CultureInfo.InvariantCulture, $"{1_700_000_000 + t},{a:R},{b:R}");
            text.Append(labels ? (a > 0 ? ",1\n" : ",0\n") : "\n");
        }

        return folder.Write(name, text.ToString());
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
