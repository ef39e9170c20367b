using EdgeRnn.Runtime.Format;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>The worked example of models/FORMAT.md, byte for byte.</summary>
public class ModelFileExampleTests
{
    /// <summary>The example file of models/FORMAT.md ("A complete example"), 16 bytes per line.</summary>
    private const string ExampleHex =
        "89 45 52 4E 4E 0D 0A 1A 01 00 00 00 00 00 00 00\n" +
        "80 01 00 00 00 00 00 00 06 00 00 00 A4 69 59 4C\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 52 40 54 66\n" +
        "01 00 00 00 01 00 00 00 21 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 E0 3F 00 00 00 00 01 00 00 00\n" +
        "01 00 00 00 78 01 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "02 00 00 00 01 00 00 00 0C 00 00 00 00 00 00 00\n" +
        "01 00 00 00 00 00 A0 41 00 00 A0 40 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "03 00 00 00 01 00 00 00 20 00 00 00 00 00 00 00\n" +
        "00 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00\n" +
        "00 00 00 3E 00 00 00 00 00 00 00 3F 00 00 80 BE\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "04 00 00 00 01 00 00 00 14 00 00 00 00 00 00 00\n" +
        "01 00 00 00 01 00 00 00 00 00 00 00 00 00 80 3F\n" +
        "00 00 00 40 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "05 00 00 00 01 00 00 00 0C 00 00 00 00 00 00 00\n" +
        "01 00 00 00 00 00 00 00 00 00 80 3F 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "06 00 00 00 01 00 00 00 10 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n" +
        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00\n";

    internal static ModelDefinition Example()
    {
        var layer = new RecurrentLayer(
            CellKind.RnnTanh,
            WeightMatrix.FromFloat(1, 1, [0.5f]),
            WeightMatrix.FromFloat(1, 1, [-0.25f]),
            [0.125f],
            [0f]);
        var head = new DenseLayer(WeightMatrix.FromFloat(1, 1, [2f]), [1f]);
        var metadata = new ModelMetadata { FeatureNames = ["x"], TargetChannels = [0], SamplePeriodSeconds = 0.5 };
        return new ModelDefinition([layer], head, new ChannelNormalization([20f], [5f]), metadata: metadata);
    }

    [Fact]
    public void Read_ExampleBytes_GivesTheExampleModel()
    {
        byte[] file = Convert.FromHexString(Compact(ExampleHex));

        ModelDefinition read = ModelFile.Read(file, out uint checksum);

        Model.ModelAssert.Equal(Example(), read);
        Assert.Equal(0x4C5969A4u, checksum);
    }

    [Fact]
    public void ToBytes_Example_MatchesTheSpec()
    {
        string hex = Convert.ToHexString(ModelFile.ToBytes(Example()));

        Assert.Equal(Compact(ExampleHex), hex);
    }

    private static string Compact(string hex) =>
        hex.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
}
