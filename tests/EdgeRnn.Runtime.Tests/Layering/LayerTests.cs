using EdgeRnn.Runtime.Blobs;

namespace EdgeRnn.Runtime.Tests.Layering;

/// <summary>
/// Keeps the runtime's layers one-way, lowest first: Internals and Blobs (the checked-blob envelope and its CRC-32) → Kernels → Model (definitions, including the detector
/// definitions a model file stores) → Cells → the root (RnnModel, RnnState, RnnBatch) → Format and Scoring (side by
/// side: neither uses the other) → Streaming. A file may use the types of its own folder and of the layers below it.
/// Layers are folders; namespaces follow them but for the basic path's public types, all in the root namespace.
/// </summary>
public class LayerTests
{
    /// <summary>The runtime's folders (= namespaces below EdgeRnn.Runtime), lowest layer first; "" is the root.</summary>
    private static readonly string[][] Layers =
    [
        ["Internals", "Blobs"],
        ["Kernels"],
        ["Model"],
        ["Cells"],
        [""],
        ["Format", "Scoring"],
        ["Streaming"],
    ];

    /// <summary>
    /// The basic path: what loading a model, stepping it and scoring or detecting on a stream needs, with the exception for
    /// bad bytes. These public types declare the root namespace from the folder of their layer, so that one
    /// <c>using EdgeRnn.Runtime;</c> covers the README's quick start; every other public type (definitions, quantizer,
    /// alarm policy and channel map, stream clock, checked blobs) keeps its folder's namespace.
    /// </summary>
    private static readonly HashSet<string> BasicPath =
    [
        "RnnModel", "RnnState", "RnnBatch", "RnnWindow", "RnnSequenceDecoder", "ModelFormatException",
        "AnomalyDetector", "AnomalyScore", "LevelShift",
        "StreamDetector", "StreamStep", "AlarmTransition",
    ];

    /// <summary>
    /// Uses that still point up, by file and type: RnnModel's Load, Save, ToBytes and Checksum are the facade over the
    /// model file.
    /// </summary>
    private static readonly HashSet<(string File, string Type)> KnownUpward =
    [
        ("RnnModel.cs", "ModelFile"),
    ];

    [Fact]
    public void RuntimeSources_EveryFile_UsesOnlyItsOwnAndLowerLayers()
    {
        var files = RuntimeSources.Load();
        var declaredIn = DeclaringLayers(files);
        var violations = new List<string>();
        foreach (var file in files)
        {
            int layer = LayerOf(file.Folder);
            foreach (string name in file.Names)
            {
                if (declaredIn.TryGetValue(name, out var layers) && !layers.Any(l => Allowed(file.Folder, layer, l)) && !KnownUpward.Contains((file.Path, name)))
                {
                    violations.Add($"{file.Path} ({Describe(file.Folder)}) uses {name} ({string.Join(", ", layers.Select(Describe))})");
                }
            }

            foreach (string import in file.Usings.Where(u => u.StartsWith("EdgeRnn.Runtime.", StringComparison.Ordinal)))
            {
                string folder = TopFolder(import["EdgeRnn.Runtime.".Length..].Replace('.', '/'));
                if (!Allowed(file.Folder, layer, folder) && !KnownUpward.Any(k => k.File == file.Path && declaredIn[k.Type].Contains(folder)))
                {
                    violations.Add($"{file.Path} ({Describe(file.Folder)}) has using {import}");
                }
            }
        }

        Assert.True(violations.Count == 0, "Expected no use of a higher layer; found:\n" + string.Join('\n', violations.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void RuntimeSources_EveryFolder_IsALayer()
    {
        var unknown = RuntimeSources.Load().Select(f => TopFolder(f.Folder)).Distinct().Where(f => !Layers.Any(l => l.Contains(f))).ToList();

        Assert.True(unknown.Count == 0, $"Expected every folder of src/EdgeRnn.Runtime in {nameof(Layers)}; found {string.Join(", ", unknown)} in none.");
    }

    /// <summary>
    /// Folder = namespace, except Internals/, whose helpers keep the root namespace so that every layer sees them, and the
    /// files of the <see cref="BasicPath"/>'s types, which declare the root namespace and nothing else.
    /// </summary>
    [Fact]
    public void RuntimeSources_EveryFile_HasTheNamespaceOfItsFolder()
    {
        var wrong = RuntimeSources.Load()
            .Where(f => f.Namespace != "EdgeRnn.Runtime" + (f.Folder.Length == 0 || f.Folder == "Internals" ? "" : "." + f.Folder.Replace('/', '.')))
            .Where(f => f.Namespace != "EdgeRnn.Runtime" || !f.Declared.All(BasicPath.Contains))
            .Select(f => $"{f.Path}: {f.Namespace}")
            .ToList();

        Assert.True(wrong.Count == 0, "Expected folder = namespace, or the root namespace for the basic path's types only; found:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void RuntimeAssembly_RootNamespace_HoldsThePublicTypesOfTheBasicPath()
    {
        var root = typeof(RnnModel).Assembly.GetExportedTypes().Where(t => t.Namespace == "EdgeRnn.Runtime").Select(t => t.Name);

        Assert.Equal(BasicPath.Order(StringComparer.Ordinal), root.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RuntimeSources_Scan_SeesDeclarationsAndUses()
    {
        var files = RuntimeSources.Load();
        var declaredIn = DeclaringLayers(files);
        var compiledMatrix = files.Single(f => f.Path == "Cells/CompiledMatrix.cs");

        Assert.Equal(["Kernels"], declaredIn["PackedFloatMatrix"]);
        Assert.Equal(["Model"], declaredIn["DetectorDefinition"]);
        Assert.Contains("PackedFloatMatrix", compiledMatrix.Names);
        Assert.Contains("WeightMatrix", compiledMatrix.Names);
    }

    [Fact]
    public void CodeOnly_CommentsAndLiterals_AreBlanked()
    {
        string code = RuntimeSources.CodeOnly("a /* RnnModel */ b // RnnState\nc \"Crc32\" $\"{x} ModelFile\" @\"x\"\"Kernels\" '\"' d");

        Assert.DoesNotContain("RnnModel", code, StringComparison.Ordinal);
        Assert.DoesNotContain("RnnState", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Crc32", code, StringComparison.Ordinal);
        Assert.DoesNotContain("ModelFile", code, StringComparison.Ordinal);
        Assert.DoesNotContain("Kernels", code, StringComparison.Ordinal);
        Assert.EndsWith(" d", code, StringComparison.Ordinal);
    }

    private static Dictionary<string, HashSet<string>> DeclaringLayers(IReadOnlyList<SourceFile> files)
    {
        var declaredIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (string type in file.Declared)
            {
                if (!declaredIn.TryGetValue(type, out var folders))
                {
                    declaredIn[type] = folders = new HashSet<string>(StringComparer.Ordinal);
                }

                folders.Add(TopFolder(file.Folder));
            }
        }

        return declaredIn;
    }

    /// <summary>Whether a file of <paramref name="folder"/> (layer <paramref name="layer"/>) may use what <paramref name="other"/> declares.</summary>
    private static bool Allowed(string folder, int layer, string other) =>
        TopFolder(folder) == TopFolder(other) || LayerOf(other) < layer;

    /// <summary>A subfolder (Scoring/State) belongs to its top folder's layer.</summary>
    private static string TopFolder(string folder)
    {
        int slash = folder.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? folder : folder[..slash];
    }

    private static int LayerOf(string folder)
    {
        string top = TopFolder(folder);
        int layer = Array.FindIndex(Layers, l => l.Contains(top));
        return layer < 0 ? int.MaxValue : layer;
    }

    private static string Describe(string folder) => folder.Length == 0 ? "root" : TopFolder(folder);
}
