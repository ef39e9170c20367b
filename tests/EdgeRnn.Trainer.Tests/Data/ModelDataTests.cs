using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;

namespace EdgeRnn.Trainer.Tests.Data;

public sealed class ModelDataTests
{
    private static ModelDefinition Model(IReadOnlyList<string> features, IReadOnlyDictionary<string, string>? properties = null)
    {
        var layer = new RecurrentLayer(CellKind.RnnTanh, WeightMatrix.FromFloat(2, 2, new float[4]), WeightMatrix.FromFloat(2, 2, new float[4]), new float[2], new float[2]);
        var head = new DenseLayer(WeightMatrix.FromFloat(2, 2, new float[4]), new float[2]);
        var normalization = new ChannelNormalization([10f, 20f], [2f, 4f]);
        var metadata = new ModelMetadata { FeatureNames = features, TargetChannels = [0, 1], Properties = properties ?? new Dictionary<string, string>() };
        return new ModelDefinition([layer], head, normalization, normalization, metadata);
    }

    [Fact]
    public void Load_ModelsFeatureNames_PicksThoseColumnsAndKeepsTheModelsNormalisation()
    {
        using var folder = new TempFolder();
        string data = folder.Write("rec.csv", "timestamp,b,x,a\n1,5,9,1\n2,6,9,2\n3,7,9,3\n4,8,9,4\n5,9,9,5\n");

        var loaded = ModelData.Load([data], Model(["a", "b"]), columns: null, timeColumn: null, validationFraction: 0.4);

        Assert.Equal(["a", "b"], loaded.InputNames);
        Assert.Equal([10f, 20f], loaded.InputNormalization.Mean);
        Assert.Equal([2f, 4f], loaded.InputNormalization.Std);
        Assert.Equal(3, loaded.Summary.TrainSteps);
        Assert.Equal(2, loaded.Summary.ValidationSteps);
        Assert.Equal([4f, 8f, 5f, 9f], loaded.Sequences[0].RawInputs.AsSpan(6, 4).ToArray());
    }

    [Fact]
    public void Load_GivenColumns_MapThemToTheInputsInOrder()
    {
        using var folder = new TempFolder();
        string data = folder.Write("rec.csv", "t,p,q\n1,5,9\n2,6,8\n");

        var loaded = ModelData.Load([data], Model(["a", "b"]), columns: ["q", "p"], timeColumn: "t", validationFraction: 0);

        Assert.Equal(["q", "p"], loaded.InputNames);
        Assert.Equal([9f, 5f, 8f, 6f], loaded.Sequences[0].RawInputs);
    }

    [Fact]
    public void Load_WrongColumnCount_ThrowsNamingTheModelsInputs()
    {
        var e = Assert.Throws<RecordingException>(() => ModelData.Load(["unused.csv"], Model(["a", "b"]), ["a"], null, 0.2));

        Assert.Equal("Expected 2 columns, one per model input (a, b); found 1: a.", e.Message);
    }

    [Fact]
    public void Load_ModelWithoutFeatureNamesAndNoColumns_AsksForColumns()
    {
        var e = Assert.Throws<RecordingException>(() => ModelData.Load(["unused.csv"], Model([]), null, null, 0.2));

        Assert.Contains("Expected --columns naming the data column of each of the model's 2 inputs", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("1.5", 0.2)]
    [InlineData("not a number", 0.2)]
    public void ValidationFractionOf_StoredProperty_IsUsedWhenValid(string stored, double expected)
    {
        var model = Model(["a", "b"], new Dictionary<string, string> { ["train.validation_fraction"] = stored });

        Assert.Equal(expected, ModelData.ValidationFractionOf(model));
    }

    [Fact]
    public void ValidationFractionOf_NoProperty_IsTheDefault()
    {
        Assert.Equal(ModelData.DefaultValidationFraction, ModelData.ValidationFractionOf(Model(["a", "b"])));
    }
}
