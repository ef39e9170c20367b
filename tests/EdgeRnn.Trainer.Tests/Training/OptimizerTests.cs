using EdgeRnn.Training.Training.Optimization;

namespace EdgeRnn.Trainer.Tests.Training;

public sealed class OptimizerTests
{
    private static readonly float[] Gradient1 = [0.5f, -1.5f, 0.01f];
    private static readonly float[] Gradient2 = [-0.25f, 2f, 0.02f];

    [Theory]
    [InlineData(0.0, false)]
    [InlineData(0.1, false)]
    [InlineData(0.1, true)]
    public void Step_TwoSteps_MatchesPyTorchAdamFormula(double weightDecay, bool decoupled)
    {
        float[] parameters = [1f, -2f, 0.5f];
        var adam = new AdamOptimizer(3, weightDecay, decoupled);
        double[] expected = [1, -2, 0.5];
        double[] m = new double[3], v = new double[3];
        const double lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        foreach (var (gradient, step) in new[] { (Gradient1, 1), (Gradient2, 2) })
        {
            adam.Step(parameters, gradient, lr);
            for (int i = 0; i < 3; i++)
            {
                double g = gradient[i];
                if (decoupled)
                {
                    expected[i] *= 1 - (lr * weightDecay);
                }
                else
                {
                    g += weightDecay * expected[i];
                }

                m[i] = (b1 * m[i]) + ((1 - b1) * g);
                v[i] = (b2 * v[i]) + ((1 - b2) * g * g);
                double mHat = m[i] / (1 - Math.Pow(b1, step));
                double vHat = v[i] / (1 - Math.Pow(b2, step));
                expected[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], parameters[i], 1e-6);
        }

        Assert.Equal(2, adam.Steps);
    }

    [Fact]
    public void Step_FirstAdamStep_MovesEachParameterByTheLearningRate()
    {
        float[] parameters = [0f, 0f];
        new AdamOptimizer(2).Step(parameters, [3f, -0.001f], 0.01);
        Assert.Equal(-0.01, parameters[0], 1e-7);
        Assert.Equal(0.01, parameters[1], 1e-6);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Step_SgdMomentum_MatchesPyTorchFormula(bool nesterov)
    {
        float[] parameters = [1f, -2f, 0.5f];
        var sgd = new SgdOptimizer(3, momentum: 0.9, weightDecay: 0.01, nesterov);
        double[] expected = [1, -2, 0.5];
        double[] buffer = new double[3];
        foreach (var (gradient, step) in new[] { (Gradient1, 1), (Gradient2, 2) })
        {
            sgd.Step(parameters, gradient, 0.1);
            for (int i = 0; i < 3; i++)
            {
                double g = gradient[i] + (0.01 * expected[i]);
                buffer[i] = step == 1 ? g : (0.9 * buffer[i]) + g;
                expected[i] -= 0.1 * (nesterov ? g + (0.9 * buffer[i]) : buffer[i]);
            }
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], parameters[i], 1e-6);
        }
    }

    [Fact]
    public void Step_WrongLength_ThrowsNamingBothCounts()
    {
        var adam = new AdamOptimizer(3);
        var error = Assert.Throws<ArgumentException>(() => adam.Step(new float[3], new float[2], 0.1));
        Assert.Contains("found 3 and 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClipGlobalNorm_AboveLimit_ScalesToTheLimit()
    {
        float[] gradient = [3f, 4f, 0f, 12f];
        double norm = GradientClipping.ClipGlobalNorm(gradient, 1.0);
        Assert.Equal(13.0, norm, 1e-9);
        double clipped = Math.Sqrt(gradient.Sum(g => (double)g * g));
        Assert.Equal(1.0, clipped, 1e-6);
        Assert.Equal(3f / 13f, gradient[0], 1e-6);
    }

    [Fact]
    public void ClipGlobalNorm_BelowLimit_LeavesGradientUnchanged()
    {
        float[] gradient = [0.3f, -0.4f];
        double norm = GradientClipping.ClipGlobalNorm(gradient, 1.0);
        Assert.Equal(0.5, norm, 1e-6);
        Assert.Equal([0.3f, -0.4f], gradient);
    }

    [Fact]
    public void RateFor_Cosine_FollowsPyTorchCosineAnnealing()
    {
        var schedule = new LearningRateSchedule(ScheduleKind.Cosine, 0.1, totalEpochs: 10, minimumRate: 0.001);
        Assert.Equal(0.1, schedule.RateFor(0), 1e-12);
        Assert.Equal(0.001 + (0.099 * (1 + Math.Cos(Math.PI * 3 / 10)) / 2), schedule.RateFor(3), 1e-12);
        Assert.Equal(0.0505, schedule.RateFor(5), 1e-12);
        Assert.Equal(0.001, schedule.RateFor(10), 1e-12);
    }

    [Fact]
    public void RateFor_Step_MultipliesByGammaEveryStep()
    {
        var schedule = new LearningRateSchedule(ScheduleKind.Step, 0.1, gamma: 0.5, stepEpochs: 3);
        Assert.Equal([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025], Enumerable.Range(0, 7).Select(schedule.RateFor).ToArray());
    }

    [Fact]
    public void Observe_PlateauLongerThanPatience_ReducesRate()
    {
        var schedule = new LearningRateSchedule(ScheduleKind.Plateau, 0.1, gamma: 0.5, patience: 2);
        foreach (double loss in new[] { 1.0, 0.9, 0.95, 0.91 })
        {
            schedule.Observe(loss);
        }

        Assert.Equal(0.1, schedule.RateFor(4), 1e-12);
        schedule.Observe(0.92);
        Assert.Equal(0.05, schedule.RateFor(5), 1e-12);
        schedule.Observe(0.5);
        Assert.Equal(0.05, schedule.RateFor(6), 1e-12);
    }

    [Fact]
    public void RateFor_Constant_IsTheBaseRate()
    {
        var schedule = new LearningRateSchedule(ScheduleKind.Constant, 0.003);
        schedule.Observe(1);
        schedule.Observe(2);
        Assert.Equal(0.003, schedule.RateFor(50));
    }
}
