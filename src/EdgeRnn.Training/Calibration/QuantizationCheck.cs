using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Calibration;

/// <summary>
/// Compares a float model with its int8 copy on the same raw streams, step by step through the runtime: output RMSE (in the
/// model's output units), the largest output difference, and for a forecasting model with scoring the largest change in
/// anomaly score and the number of steps whose alarm decision (score ≥ θ) differs; for class outputs, the steps whose
/// most likely class differs. Used after training and by <c>edgernn quantize</c>.
/// </summary>
internal static class QuantizationCheck
{
    /// <summary>Runs both models over every stream (fresh state per stream).</summary>
    /// <param name="floatModel">The reference model.</param>
    /// <param name="int8Model">Its quantized copy (same shape, normalisation and scoring).</param>
    /// <param name="streams">Raw streams, steps × inputs (e.g. <see cref="ValidationStreams.Of(Data.TrainingData, int)"/>).</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The models differ in shape.</exception>
    public static QuantizationComparison Compare(RnnModel floatModel, RnnModel int8Model, IReadOnlyList<float[]> streams)
    {
        ArgumentNullException.ThrowIfNull(floatModel);
        ArgumentNullException.ThrowIfNull(int8Model);
        ArgumentNullException.ThrowIfNull(streams);
        if (floatModel.InputSize != int8Model.InputSize || floatModel.OutputSize != int8Model.OutputSize)
        {
            throw new ArgumentException($"Expected models of one shape; found {floatModel.InputSize} → {floatModel.OutputSize} and {int8Model.InputSize} → {int8Model.OutputSize}.", nameof(int8Model));
        }

        bool scoring = floatModel.Definition.Scoring.IsEnabled && floatModel.Definition.Metadata.TargetChannels.Count == floatModel.OutputSize;
        var task = floatModel.Definition.Metadata.Task;
        bool classes = task is ModelTask.Classify or ModelTask.Label or ModelTask.Text;
        int width = floatModel.InputSize;
        int outputs = floatModel.OutputSize;
        var a = floatModel.CreateState();
        var b = int8Model.CreateState();
        var outA = new float[outputs];
        var outB = new float[outputs];
        var detectorA = scoring ? new AnomalyDetector(floatModel, floatModel.Definition.Scoring) : null;
        var detectorB = scoring ? new AnomalyDetector(int8Model, floatModel.Definition.Scoring) : null;
        double squares = 0;
        double maxDiff = 0;
        double maxScoreChange = 0;
        long steps = 0;
        int alarmChanges = 0;
        int classChanges = 0;
        foreach (float[] stream in streams)
        {
            a.Reset();
            b.Reset();
            detectorA?.Reset();
            detectorB?.Reset();
            int length = stream.Length / width;
            for (int t = 0; t < length; t++)
            {
                var sample = stream.AsSpan(t * width, width);
                a.Step(sample, outA);
                b.Step(sample, outB);
                for (int k = 0; k < outputs; k++)
                {
                    double d = (double)outA[k] - outB[k];
                    squares += d * d;
                    maxDiff = Math.Max(maxDiff, Math.Abs(d));
                }

                if (classes && ArgMax(outA) != ArgMax(outB))
                {
                    classChanges++;
                }

                if (detectorA is not null)
                {
                    var sa = detectorA.Process(sample);
                    var sb = detectorB!.Process(sample);
                    maxScoreChange = Math.Max(maxScoreChange, Math.Abs((double)sa.Score - sb.Score));
                    if (sa.AboveThreshold != sb.AboveThreshold)
                    {
                        alarmChanges++;
                    }
                }

                steps++;
            }
        }

        double rmse = steps == 0 ? double.NaN : Math.Sqrt(squares / (steps * (double)outputs));
        return new QuantizationComparison(steps, rmse, maxDiff, scoring ? maxScoreChange : double.NaN, alarmChanges, classes ? classChanges : 0);
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }
}

/// <summary>What int8 changed against float on the same streams.</summary>
/// <param name="Steps">Steps compared.</param>
/// <param name="OutputRmse">Root mean square of the output differences, in output units.</param>
/// <param name="MaxOutputDifference">The largest absolute output difference.</param>
/// <param name="MaxScoreChange">The largest absolute anomaly-score difference; NaN when the model has no scoring.</param>
/// <param name="AlarmDecisionChanges">Steps where one model alarms and the other does not.</param>
/// <param name="ClassDecisionChanges">Steps where the most likely class differs (class and text models).</param>
internal sealed record QuantizationComparison(long Steps, double OutputRmse, double MaxOutputDifference, double MaxScoreChange, int AlarmDecisionChanges, int ClassDecisionChanges);
