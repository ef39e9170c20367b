using System.Text.Json;
using EdgeRnn.Training.Training;

namespace EdgeRnn.Trainer.Tests.Training;

/// <summary>Reads tensors of the tests/golden files (<c>{ "shape": [...], "data": [...] }</c>, data flat in row-major order).</summary>
internal static class GoldenJson
{
    /// <summary>One tensor's values.</summary>
    public static double[] Values(JsonElement tensor) =>
        [.. tensor.GetProperty("data").EnumerateArray().Select(e => e.GetDouble())];

    /// <summary>PyTorch-named tensors (<c>params</c> or <c>grads</c>) as one flat vector in a layout's order, each of its layout's length.</summary>
    public static double[] Flat(JsonElement tensors, IReadOnlyList<ParameterTensor> layout, int count)
    {
        var flat = new double[count];
        foreach (var tensor in layout)
        {
            var values = Values(tensors.GetProperty(tensor.Name));
            Assert.Equal(tensor.Length, values.Length);
            values.CopyTo(flat, tensor.Offset);
        }

        return flat;
    }
}
