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
    /// <param name="window">For a bidirectional model: the window length both run over, consecutive windows from each
    /// stream's start (0: the model's <c>train.window</c> property, else 64 samples). Unused for other models.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentException">The models differ in shape.</exception>
    public static QuantizationComparison Compare(RnnModel floatModel, RnnModel int8Model, IReadOnlyList<float[]> streams, int window = 0)
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
        if (floatModel.Definition.IsBidirectional)
        {
            return CompareWindows(floatModel, int8Model, streams, WindowOf(floatModel, window), classes);
        }

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

    /// <summary>Both models over consecutive windows of each stream (the last one shorter), every step's outputs compared.</summary>
    private static QuantizationComparison CompareWindows(RnnModel floatModel, RnnModel int8Model, IReadOnlyList<float[]> streams, int window, bool classes)
    {
        int width = floatModel.InputSize;
        int outputs = floatModel.OutputSize;
        var a = floatModel.CreateWindow(window);
        var b = int8Model.CreateWindow(window);
        var outA = new float[window * outputs];
        var outB = new float[window * outputs];
        double squares = 0;
        double maxDiff = 0;
        long steps = 0;
        int classChanges = 0;
        foreach (float[] stream in streams)
        {
            int length = stream.Length / width;
            for (int start = 0; start < length; start += window)
            {
                int count = Math.Min(window, length - start);
                var inputs = stream.AsSpan(start * width, count * width);
                a.Run(inputs, outA.AsSpan(0, count * outputs));
                b.Run(inputs, outB.AsSpan(0, count * outputs));
                for (int t = 0; t < count; t++)
                {
                    var rowA = outA.AsSpan(t * outputs, outputs);
                    var rowB = outB.AsSpan(t * outputs, outputs);
                    for (int k = 0; k < outputs; k++)
                    {
                        double d = (double)rowA[k] - rowB[k];
                        squares += d * d;
                        maxDiff = Math.Max(maxDiff, Math.Abs(d));
                    }

                    classChanges += classes && ArgMax(rowA) != ArgMax(rowB) ? 1 : 0;
                    steps++;
                }
            }
        }

        double rmse = steps == 0 ? double.NaN : Math.Sqrt(squares / (steps * (double)outputs));
        return new QuantizationComparison(steps, rmse, maxDiff, double.NaN, 0, classes ? classChanges : 0);
    }

    private static int WindowOf(RnnModel model, int window) =>
        window > 0 ? window
        : model.Definition.Metadata.Properties.TryGetValue("train.window", out string? text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out int stored) && stored is > 0 and <= RnnWindow.MaxWindow ? stored
        : 64;

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
