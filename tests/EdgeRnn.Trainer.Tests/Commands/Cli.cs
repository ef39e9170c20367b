using System.CommandLine;
using EdgeRnn.Runtime;
using EdgeRnn.Trainer.Tests.Import;

namespace EdgeRnn.Trainer.Tests.Commands;

/// <summary>The outcome of one in-process run of <c>edgernn</c>.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs <c>edgernn</c> in-process through the same root command as the executable, capturing its output.</summary>
internal static class Cli
{
    public static CliResult Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = Program.CreateRootCommand().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>Imports a golden case with <c>import torch</c> into <paramref name="directory"/> and returns the .ernn path.</summary>
    public static string ImportGolden(string name, TempDirectory directory) => ImportJson(GoldenCase.PathOf(name), directory, name + ".ernn");

    /// <summary>Imports a JSON export with <c>import torch</c> and returns the .ernn path.</summary>
    public static string ImportJson(string json, TempDirectory directory, string fileName)
    {
        string model = directory.File(fileName);
        var result = Run("import", "torch", "--in", json, "--out", model);
        Assert.True(result.ExitCode == 0, $"import failed with {result.ExitCode}: {result.Error}");
        return model;
    }

    /// <summary>Imports a golden case and loads the model file from disk.</summary>
    public static RnnModel LoadGolden(string name, TempDirectory directory) => RnnModel.Load(ImportGolden(name, directory));
}
