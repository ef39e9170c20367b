using EdgeRnn.Training.Import;
using Google.Protobuf;
using Onnx;
using AttributeType = Onnx.AttributeProto.Types.AttributeType;

namespace EdgeRnn.Trainer.Tests.Import;

/// <summary>Loads a test model as its protobuf message so a test can change one thing in it, then imports or runs it.</summary>
internal static class OnnxEdits
{
    public static ModelProto Load(string name) => ModelProto.Parser.ParseFrom(File.ReadAllBytes(OnnxReference.PathOf(name)));

    public static NodeProto Node(ModelProto model, string opType) => model.Graph.Node.Single(n => n.OpType == opType);

    public static TensorProto Initializer(ModelProto model, string name) => model.Graph.Initializer.Single(t => t.Name == name);

    public static void Set(NodeProto node, string name, long value) =>
        Replace(node, new AttributeProto { Name = name, Type = AttributeType.Int, I = value });

    public static void Set(NodeProto node, string name, float value) =>
        Replace(node, new AttributeProto { Name = name, Type = AttributeType.Float, F = value });

    public static TensorProto Floats(string name, long[] dims, float[] values)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.FloatData.AddRange(values);
        return tensor;
    }

    public static float[] Values(TensorProto tensor) => OnnxTensor.From(tensor, tensor.Name, "test").ToFloats("test");

    public static OnnxImport Import(ModelProto model, string source = "edited.onnx") =>
        OnnxImporter.Read(new MemoryStream(model.ToByteArray()), source);

    public static InvalidDataException ImportError(ModelProto model, string source = "edited.onnx") =>
        Assert.Throws<InvalidDataException>(() => Import(model, source));

    private static void Replace(NodeProto node, AttributeProto attribute)
    {
        var existing = node.Attribute.FirstOrDefault(a => a.Name == attribute.Name);
        if (existing is not null)
        {
            node.Attribute.Remove(existing);
        }

        node.Attribute.Add(attribute);
    }
}
