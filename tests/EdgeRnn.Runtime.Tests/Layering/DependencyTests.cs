namespace EdgeRnn.Runtime.Tests.Layering;

/// <summary>The runtime depends on nothing beyond the BCL (README): every assembly it references ships with .NET itself.</summary>
public class DependencyTests
{
    [Fact]
    public void RuntimeAssembly_ReferencesOnlyTheSharedFramework()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var outside = typeof(RnnModel).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !File.Exists(Path.Combine(framework, name + ".dll")))
            .ToList();

        Assert.True(outside.Count == 0, $"Expected only assemblies of {framework}; found {string.Join(", ", outside)}.");
    }
}
