using EdgeRnn.Runtime.Model;
using EdgeRnn.Runtime.Scoring;
using EdgeRnn.Runtime.Tests.Cells;
using EdgeRnn.Runtime.Tests.Model;
using EdgeRnn.Runtime.Tests.Scoring;

namespace EdgeRnn.Runtime.Tests.Format;

/// <summary>The small models and runs whose saved states, written by the version-1 code, are kept in <see cref="LegacyStateFixtures"/>.</summary>
internal static class LegacyStateModels
{
    public static RnnModel Recurrent() => RnnModel.FromDefinition(CellModels.Create(CellKind.Lstm, 2, 3, 2, 2, false));

    public static RnnModel Scoring()
    {
        var definition = TestModels.Random(CellKind.Lstm, 2, 3, 1, 2, seed: 5);
        var metadata = new ModelMetadata { TargetChannels = [0, 1], Task = ModelTask.Forecast };
        var scoring = new ScoringParameters { ErrorStd = [1f, 1f], LongWindow = 12, ShortWindow = 3, Threshold = 0.99f };
        return RnnModel.FromDefinition(definition.With(metadata, scoring));
    }

    public static RnnModel Detector() => RnnModel.FromDefinition(ModelDetectorTests.Detector(
        changePoints: true,
        likelihood: LikelihoodParameters.Default with { LongWindow = 12, SkipRows = 2, MinimumHistory = 4, SuppressionRows = 3, SpatialWindow = 4, ValueWindow = 4 }));

    public static float[] Sample(int t) => [MathF.Sin(t * 0.3f), MathF.Cos(t * 0.2f)];

    /// <summary>A state of <see cref="Recurrent"/> after five steps.</summary>
    public static RnnState RecurrentRun()
    {
        var state = Recurrent().CreateState();
        var output = new float[2];
        for (int t = 0; t < 5; t++)
        {
            state.Step(Sample(t), output);
        }

        return state;
    }

    /// <summary>A detector of <paramref name="model"/> after <paramref name="samples"/> samples.</summary>
    public static AnomalyDetector Run(RnnModel model, int samples)
    {
        var detector = new AnomalyDetector(model);
        for (int t = 0; t < samples; t++)
        {
            detector.Process(Sample(t));
        }

        return detector;
    }
}
