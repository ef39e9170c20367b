using ReadmeSamples;

namespace EdgeRnn.Runtime.Tests;

/// <summary>Keeps the README's quick start compiling and true: <c>ReadmeQuickStart.cs</c>'s using and the code between its markers are the README's, verbatim.</summary>
public class ReadmeQuickStartTests
{
    [Fact]
    public void QuickStart_RunsOnTheBundledPumpModel()
    {
        var step = RuntimeQuickStart.Run(SourceTree.FindUp(Path.Combine("models", "pump", "pump.ernn")));

        Assert.False(step.Score.IsWarm);
        Assert.InRange(step.Score.Score, 0f, 1f);
        Assert.Equal(AlarmTransition.None, step.Transition);
    }

    [Fact]
    public void Readme_QuickStartBlock_IsTheCodeThisTestCompiles()
    {
        string readme = File.ReadAllText(SourceTree.FindUp("README.md"));
        string source = File.ReadAllText(SourceTree.FindUp(Path.Combine("tests", "EdgeRnn.Runtime.Tests", "ReadmeQuickStart.cs"))).ReplaceLineEndings("\n");
        string usings = source[..(source.IndexOf("\n\nnamespace ", StringComparison.Ordinal) + 1)];
        string code = Between(source, "// quick start begins\n", "        // quick start ends");
        string block = string.Join('\n', code.Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        Assert.Equal("using EdgeRnn.Runtime;\n", usings);
        Assert.Contains("```csharp\n" + usings + "\n" + block + "```", readme, StringComparison.Ordinal);
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
