using System.Diagnostics;
using System.Globalization;
using EdgeRnn.Training.Evaluation.Detector;
using EdgeRnn.Training.Evaluation.Nab;
using EdgeRnn.Trainer.Tests.Commands;
using EdgeRnn.Trainer.Tests.Data;

namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

/// <summary>
/// Issue 12's promise: the scores <c>bench-nab</c> reports for a NAB file are the scores the board computes with the model
/// it keeps. <c>bench-nab --keep-models</c> runs in-process on a one-file corpus (a real NAB file, with its repeated
/// timestamp); the real <c>edgernn-device</c> program then replays the file with the kept model and writes its scores.
/// </summary>
public sealed class BenchNabOnDeviceTests
{
    private const string FileKey = "realAdExchange/exchange-2_cpc_results.csv";
    private static readonly string Corpus = Path.Combine(AppContext.BaseDirectory, "Evaluation", "Detector", "TestData", "nab");

    [Fact]
    public void DeviceRun_KeptModelOnTheSameFile_WritesTheBenchmarksScoresBitForBit()
    {
        using var work = new TempFolder();
        string results = Path.Combine(work.Path, "out");
        string models = Path.Combine(work.Path, "models");
        var bench = Cli.Run("bench-nab", "--nab", Corpus, "--out", results, "--keep-models", models, "--threads", "1");
        Assert.True(bench.ExitCode == 0, $"bench-nab failed with {bench.ExitCode}: {bench.Error}{bench.Output}");
        string model = KeptModels.PathOf(models, FileKey);
        Assert.True(File.Exists(model), $"expected the kept model at {model}");

        string scores = Path.Combine(work.Path, "device-scores.csv");
        var (exitCode, output) = RunDevice("run", "--model", model, "--source", "csv:" + Path.Combine(Corpus, "data", FileKey), "--speed", "max", "--scores", scores, "--view", "none");
        Assert.True(exitCode == 0, $"edgernn-device run failed with {exitCode}: {output}");

        var benchRows = NabFileReader.ReadResults(NabResultsWriter.PathFor(results, "edgernn", FileKey));
        var deviceRows = File.ReadAllLines(scores);
        Assert.Equal("timestamp,score,alarm,change_point", deviceRows[0]);
        Assert.Equal(benchRows.Values.Length, deviceRows.Length - 1);
        Assert.Equal(1624, benchRows.Values.Length);
        int differ = 0;
        int firstDiffer = -1;
        for (int r = 0; r < benchRows.Values.Length; r++)
        {
            string[] fields = deviceRows[r + 1].Split(',');
            float device = float.Parse(fields[1], CultureInfo.InvariantCulture);
            float benchmark = (float)benchRows.AnomalyScores![r];
            if (BitConverter.SingleToInt32Bits(device) != BitConverter.SingleToInt32Bits(benchmark))
            {
                differ++;
                firstDiffer = firstDiffer < 0 ? r : firstDiffer;
            }

            Assert.Equal(benchRows.Timestamps[r], DateTime.Parse(fields[0], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));
        }

        Assert.True(differ == 0, $"{differ} of {benchRows.Values.Length} scores differ, the first at row {firstDiffer}");
        Assert.Contains(benchRows.AnomalyScores!, s => s > 0.5);
    }

    internal static (int ExitCode, string Output) RunDevice(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "edgernn-device.dll");
        Assert.True(File.Exists(dll), $"expected the device program beside the tests at {dll}");
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 3 minutes: " + output);
        }

        return (process.ExitCode, output + error.Result);
    }
}
