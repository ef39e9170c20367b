using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Tests.Model;

namespace EdgeRnn.Runtime.Tests;

/// <summary>Keeps the README's quick start compiling and true: the code between the markers is the README's, verbatim.</summary>
public class ReadmeQuickStartTests
{
    [Fact]
    public void QuickStart_RunsOnAModelFile()
    {
        string path = Path.Combine(Path.GetTempPath(), $"quickstart-{Guid.NewGuid():N}.ernn");
        RnnModel.FromDefinition(TestModels.Random(CellKind.Lstm, 3, 16, 2, 3, seed: 5)).Save(path);
        try
        {
            float last = QuickStart(path);
            Assert.True(float.IsFinite(last));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Readme_QuickStartBlock_IsTheCodeThisTestCompiles()
    {
        string readme = File.ReadAllText(SourceTree.FindUp("README.md"));
        string source = File.ReadAllText(SourceTree.FindUp(Path.Combine("tests", "EdgeRnn.Runtime.Tests", "ReadmeQuickStartTests.cs")));
        string code = Between(source, "// quick start begins\n", "        // quick start ends");
        string block = string.Join('\n', code.Split('\n').Select(line => line.Length >= 8 ? line[8..] : line.TrimStart()));
        Assert.Contains("```csharp\n" + block + "```", readme, StringComparison.Ordinal);
    }

    private static float QuickStart(string path)
    {
        // quick start begins
        using var file = File.OpenRead(path);
        var model = RnnModel.Load(file);            // validates the file; throws ModelFormatException if it is bad
        var state = model.CreateState();            // one per stream; preallocated
        var output = new float[model.OutputSize];

        float[] sample = [0.1f, 20.5f, 3.2f];        // one raw sample per step, model.InputSize channels
        state.Step(sample, output);                 // allocates nothing; NaN inputs are held, never enter the state

        byte[] saved = state.ToBytes();             // persist across restarts...
        state.Restore(saved);                       // ...restores only into a state of the same model
        // quick start ends
        return output[0];
    }

    private static string Between(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
