using EdgeRnn.Runtime;
using EdgeRnn.Training.Calibration;
using EdgeRnn.Training.Data;
using EdgeRnn.Trainer.Tests.Data;
using static EdgeRnn.Trainer.Tests.Commands.TrainCommandFixture;

namespace EdgeRnn.Trainer.Tests.Commands.Train;

public sealed class TrainCalibrationTests
{
    [Fact]
    public void Train_Int8Export_StoresTheScoringFittedOnTheInt8Model()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 1_200);
        string int8Path = Path.Combine(folder.Path, "int8.ernn");
        string floatPath = Path.Combine(folder.Path, "float.ernn");

        var int8Run = Run(["train", "--data", data, "--out", int8Path, "--seed", "3", "--quantize", "int8", .. Small]);
        var floatRun = Run(["train", "--data", data, "--out", floatPath, "--seed", "3", "--quantize", "none", .. Small]);

        Assert.True(int8Run.ExitCode == 0, int8Run.Error);
        Assert.True(floatRun.ExitCode == 0, floatRun.Error);
        var int8 = RnnModel.Load(int8Path);
        var floatModel = RnnModel.Load(floatPath);
        var loaded = DataLoader.Load(data, new DataOptions());
        var streams = ValidationStreams.Of(loaded);
        var onInt8 = ScoringCalibrator.Calibrate(int8, streams, loaded.SamplePeriodSeconds, new CalibrationOptions()).Scoring;
        var onFloat = ScoringCalibrator.Calibrate(floatModel, streams, loaded.SamplePeriodSeconds, new CalibrationOptions()).Scoring;

        // The same seed trains the same float weights, so the two calibrations differ only by the weights they ran.
        Assert.NotEqual(onFloat.ErrorStd, onInt8.ErrorStd);
        Assert.Equal(onInt8.ErrorStd, int8.Definition.Scoring.ErrorStd);
        Assert.Equal(onInt8.Threshold, int8.Definition.Scoring.Threshold);
        Assert.Equal(onInt8.LongWindow, int8.Definition.Scoring.LongWindow);
        Assert.Equal(onFloat.ErrorStd, floatModel.Definition.Scoring.ErrorStd);
        Assert.Equal(onFloat.Threshold, floatModel.Definition.Scoring.Threshold);
        Assert.Equal("int8", int8.Definition.Metadata.Properties["calibration.weights"]);
        Assert.Equal("float32", floatModel.Definition.Metadata.Properties["calibration.weights"]);
        Assert.Contains("int8 model)", int8Run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_Int8Export_WritesTheQuantizedFloatWeights()
    {
        using var folder = new TempFolder();
        string data = SineCsv(folder, "rec.csv", 800);
        string int8Path = Path.Combine(folder.Path, "int8.ernn");
        string floatPath = Path.Combine(folder.Path, "float.ernn");

        Assert.Equal(0, Run(["train", "--data", data, "--out", int8Path, "--seed", "5", "--quantize", "int8", .. Small]).ExitCode);
        Assert.Equal(0, Run(["train", "--data", data, "--out", floatPath, "--seed", "5", "--quantize", "none", .. Small]).ExitCode);

        var int8 = RnnModel.Load(int8Path).Definition;
        var expected = Runtime.Model.ModelQuantizer.Quantize(RnnModel.Load(floatPath).Definition, out _);
        for (int k = 0; k < int8.Layers.Count; k++)
        {
            Assert.Equal(expected.Layers[k].WeightIh.Quantized.ToArray(), int8.Layers[k].WeightIh.Quantized.ToArray());
            Assert.Equal(expected.Layers[k].WeightHh.RowScales.ToArray(), int8.Layers[k].WeightHh.RowScales.ToArray());
        }

        Assert.Equal(expected.Head.Weight.Quantized.ToArray(), int8.Head.Weight.Quantized.ToArray());
    }
}
