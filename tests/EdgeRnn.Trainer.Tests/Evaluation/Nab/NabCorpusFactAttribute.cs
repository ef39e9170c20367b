namespace EdgeRnn.Trainer.Tests.Evaluation.Nab;

/// <summary>
/// A fact that runs only when the environment variable EDGERNN_NAB_ROOT names a NAB folder (labels/, config/, data/ and
/// reference/); otherwise it is reported as skipped, with the reason. A fresh clone has no such folder.
/// </summary>
public sealed class NabCorpusFactAttribute : FactAttribute
{
    public const string Variable = "EDGERNN_NAB_ROOT";

    public NabCorpusFactAttribute()
    {
        var root = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(root))
        {
            Skip = $"set {Variable} to a NAB folder (labels/, config/, reference/) to run the full-corpus check";
        }
        else if (!Directory.Exists(Path.Combine(root, "reference")))
        {
            Skip = $"{Variable}={root} has no reference/ folder";
        }
    }

    public static string Root => Environment.GetEnvironmentVariable(Variable)!;
}
