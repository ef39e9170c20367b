using System.Text;
using System.Text.Json.Nodes;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Import;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>Golden files as editable JSON, to build exports with one thing wrong.</summary>
internal static class TorchJson
{
    public static JsonObject Golden(string name) => JsonNode.Parse(File.ReadAllText(GoldenCase.PathOf(name)))!.AsObject();

    public static JsonObject Params(this JsonObject root) => root["params"]!.AsObject();

    public static ModelDefinition Import(JsonObject root) => Import(root.ToJsonString());

    public static ModelDefinition Import(string json) =>
        TorchJsonImporter.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), "model.json");

    public static InvalidDataException ImportFails(JsonObject root) => Assert.Throws<InvalidDataException>(() => Import(root));

    public static void Edit(this JsonObject root, Action<JsonObject> edit) => edit(root);

    public static void Write(this JsonObject root, string path) => File.WriteAllText(path, root.ToJsonString());
}
