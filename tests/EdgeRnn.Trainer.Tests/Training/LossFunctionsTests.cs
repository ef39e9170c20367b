using EdgeRnn.Training.Training.Engine;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class LossFunctionsTests
{
    [Fact]
    public void SquaredError_BurnInAndMask_MeanOverCountedTermsOnly()
    {
        // 2 windows × 3 steps × 1 output; y is step-major [steps, rows, out] as the engine keeps it.
        double[] y = [1, 2, 3, 4, 5, 6];
        var batch = new SequenceBatch<double>
        {
            Count = 2,
            Steps = 3,
            Inputs = new double[6],
            Targets = new double[] { 0, 0, 0, 0, 0, 0 },
            StepMask = new[] { true, true, false, true, true, true },
        };
        var options = new BpttOptions(LossKind.MeanSquaredError, BurnInSteps: 1);
        int terms = LossFunctions.CountTerms(batch, options, 1);
        var dy = new double[6];

        double sum = LossFunctions.SquaredError<double>(y, dy, batch, 0, 2, 1, 1, 1.0 / terms);

        // Counted: window 0 step 1 (y = 3), window 1 steps 1, 2 (y = 4, 6); window 0 step 2 is masked.
        Assert.Equal(3, terms);
        Assert.Equal(9 + 16 + 36, sum);
        Assert.Equal([0, 0, 2.0 * 3 / 3, 2.0 * 4 / 3, 0, 2.0 * 6 / 3], dy);
    }

    [Fact]
    public void CrossEntropy_PerStepWithIgnoredLabel_MatchesLogSoftmax()
    {
        double[] y = [1, 2, 0.5, -1, 3, 3];
        var batch = new SequenceBatch<double> { Count = 1, Steps = 3, Inputs = new double[3], Labels = new[] { 1, SequenceBatch<double>.IgnoreLabel, 0 } };
        var options = new BpttOptions(LossKind.CrossEntropyPerStep);
        var dy = new double[6];

        double sum = LossFunctions.CrossEntropy<double>(y, dy, batch, 0, 1, options, 2, 0.5);

        double expected = (Math.Log(Math.Exp(1) + Math.Exp(2)) - 2) + (Math.Log(2 * Math.Exp(3)) - 3);
        Assert.Equal(2, LossFunctions.CountTerms(batch, options, 2));
        Assert.Equal(expected, sum, 1e-12);
        double p1 = Math.Exp(2) / (Math.Exp(1) + Math.Exp(2));
        Assert.Equal(0.5 * (1 - p1), dy[0], 1e-12);
        Assert.Equal(0.5 * (p1 - 1), dy[1], 1e-12);
        Assert.Equal([0, 0], dy[2..4]);
        Assert.Equal(0.5 * (0.5 - 1), dy[4], 1e-12);
    }

    [Fact]
    public void CrossEntropy_LabelOutOfRange_ThrowsNamingTheWindow()
    {
        var batch = new SequenceBatch<double> { Count = 2, Steps = 1, Inputs = new double[2], Labels = new[] { 0, 5 } };
        var error = Assert.Throws<ArgumentException>(() => LossFunctions.CrossEntropy<double>(new double[6], new double[6], batch, 0, 2, new BpttOptions(LossKind.CrossEntropyLastStep), 3, 1));
        Assert.Contains("found 5 for window 1", error.Message, StringComparison.Ordinal);
    }
}
