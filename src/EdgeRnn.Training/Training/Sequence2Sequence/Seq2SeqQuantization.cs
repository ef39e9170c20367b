using EdgeRnn.Runtime;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>How far an encoder–decoder's int8 copy moves its outputs from the float32 model's, both run by the runtime over the same windows.</summary>
/// <param name="Windows">Windows compared.</param>
/// <param name="MaxDifference">The largest |int8 − float32| of any output, in the targets' units.</param>
/// <param name="RmsDifference">The root mean square of the differences, in the targets' units.</param>
/// <param name="FloatRmse">The float32 model's RMSE against the targets, in their units.</param>
/// <param name="Int8Rmse">The int8 model's RMSE against the targets, in their units.</param>
internal readonly record struct Seq2SeqQuantization(int Windows, double MaxDifference, double RmsDifference, double FloatRmse, double Int8Rmse)
{
    /// <summary>Runs both models through <see cref="RnnModel.CreateSequenceDecoder"/> over every window of <paramref name="windows"/> (raw rows).</summary>
    public static Seq2SeqQuantization Compare(RnnModel floatModel, RnnModel int8Model, Seq2SeqWindowSet windows)
    {
        ArgumentNullException.ThrowIfNull(floatModel);
        ArgumentNullException.ThrowIfNull(int8Model);
        ArgumentNullException.ThrowIfNull(windows);
        var a = floatModel.CreateSequenceDecoder(windows.Steps);
        var b = int8Model.CreateSequenceDecoder(windows.Steps);
        int width = windows.Horizon * windows.OutputSize;
        int inputs = windows.Steps * windows.InputSize;
        var ya = new float[width];
        var yb = new float[width];
        var normalization = floatModel.Definition.OutputNormalization;
        double max = 0, squares = 0, floatSquares = 0, int8Squares = 0;
        for (int w = 0; w < windows.Count; w++)
        {
            var window = windows.RawInputs.AsSpan(w * inputs, inputs);
            a.Run(window, ya);
            b.Run(window, yb);
            for (int i = 0; i < width; i++)
            {
                int c = i % windows.OutputSize;
                double target = (windows.Targets[(w * width) + i] * (double)normalization.Std[c]) + normalization.Mean[c];
                double d = yb[i] - (double)ya[i];
                max = Math.Max(max, Math.Abs(d));
                squares += d * d;
                floatSquares += (ya[i] - target) * (ya[i] - target);
                int8Squares += (yb[i] - target) * (yb[i] - target);
            }
        }

        double n = Math.Max(1, (double)windows.Count * width);
        return new Seq2SeqQuantization(windows.Count, max, Math.Sqrt(squares / n), Math.Sqrt(floatSquares / n), Math.Sqrt(int8Squares / n));
    }
}
