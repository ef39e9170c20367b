using System.Numerics;

namespace EdgeRnn.Training.Training.Engine;

/// <summary>
/// The losses over one chunk of a batch: each returns the sum of its terms (accumulated in float64) and writes
/// d(mean loss)/dy = d(term)/dy · <c>scale</c>, scale being 1 / (the batch's count of terms), so chunks add up to PyTorch's mean.
/// </summary>
internal static class LossFunctions
{
    /// <summary>The number of terms the mean divides by: counted (step, output) pairs for MSE, counted labels for cross-entropy.</summary>
    public static int CountTerms<T>(SequenceBatch<T> batch, in BpttOptions options, int outputSize)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(batch);
        int steps = batch.Steps;
        int burnIn = Math.Min(options.BurnInSteps, steps);
        switch (options.Loss)
        {
            case LossKind.MeanSquaredError:
                if (batch.StepMask.IsEmpty)
                {
                    return batch.Count * (steps - burnIn) * outputSize;
                }

                var mask = batch.StepMask.Span;
                int counted = 0;
                for (int w = 0; w < batch.Count; w++)
                {
                    for (int t = burnIn; t < steps; t++)
                    {
                        counted += mask[(w * steps) + t] ? 1 : 0;
                    }
                }

                return counted * outputSize;
            case LossKind.CrossEntropyPerStep:
                var labels = batch.Labels.Span;
                int terms = 0;
                for (int w = 0; w < batch.Count; w++)
                {
                    for (int t = burnIn; t < steps; t++)
                    {
                        terms += labels[(w * steps) + t] != SequenceBatch<T>.IgnoreLabel ? 1 : 0;
                    }
                }

                return terms;
            default:
                int count = 0;
                foreach (int label in batch.Labels.Span[..batch.Count])
                {
                    count += label != SequenceBatch<T>.IgnoreLabel ? 1 : 0;
                }

                return count;
        }
    }

    /// <summary>Σ (y − target)² over counted positions; dy = 2 (y − target) · scale there, 0 elsewhere.</summary>
    public static double SquaredError<T>(ReadOnlySpan<T> y, Span<T> dy, SequenceBatch<T> batch, int row0, int rows, int burnIn, int outputs, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int steps = batch.Steps;
        var targets = batch.Targets.Span;
        if (targets.Length < batch.Count * steps * outputs)
        {
            throw new ArgumentException($"Expected {batch.Count * steps * outputs} target values ([count, steps, outputs]); found {targets.Length}.", nameof(batch));
        }

        var mask = batch.StepMask.Span;
        var factor = T.CreateChecked(2.0 * scale);
        double sum = 0;
        for (int t = 0; t < steps; t++)
        {
            for (int b = 0; b < rows; b++)
            {
                int window = row0 + b;
                var yRow = y.Slice(((t * rows) + b) * outputs, outputs);
                var dyRow = dy.Slice(((t * rows) + b) * outputs, outputs);
                if (t < burnIn || (!mask.IsEmpty && !mask[(window * steps) + t]))
                {
                    dyRow.Clear();
                    continue;
                }

                var target = targets.Slice(((window * steps) + t) * outputs, outputs);
                for (int o = 0; o < outputs; o++)
                {
                    T diff = yRow[o] - target[o];
                    sum += double.CreateChecked(diff * diff);
                    dyRow[o] = factor * diff;
                }
            }
        }

        return sum;
    }

    /// <summary>Σ (logsumexp(y) − y[label]) over counted positions; dy = (softmax(y) − onehot(label)) · scale there.</summary>
    public static double CrossEntropy<T>(ReadOnlySpan<T> y, Span<T> dy, SequenceBatch<T> batch, int row0, int rows, in BpttOptions options, int classes, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool lastStep = options.Loss == LossKind.CrossEntropyLastStep;
        int steps = lastStep ? 1 : batch.Steps;
        var labels = batch.Labels.Span;
        int expected = lastStep ? batch.Count : batch.Count * batch.Steps;
        if (labels.Length < expected)
        {
            throw new ArgumentException($"Expected {expected} labels; found {labels.Length}.", nameof(batch));
        }

        double sum = 0;
        for (int t = 0; t < steps; t++)
        {
            for (int b = 0; b < rows; b++)
            {
                var yRow = y.Slice(((t * rows) + b) * classes, classes);
                var dyRow = dy.Slice(((t * rows) + b) * classes, classes);
                int label = lastStep ? labels[row0 + b] : labels[((row0 + b) * batch.Steps) + t];
                if (label == SequenceBatch<T>.IgnoreLabel || (!lastStep && t < options.BurnInSteps))
                {
                    dyRow.Clear();
                    continue;
                }

                if ((uint)label >= (uint)classes)
                {
                    throw new ArgumentException($"Expected labels in [0, {classes}) or {SequenceBatch<T>.IgnoreLabel}; found {label} for window {row0 + b}.", nameof(batch));
                }

                double max = double.NegativeInfinity;
                for (int k = 0; k < classes; k++)
                {
                    max = Math.Max(max, double.CreateChecked(yRow[k]));
                }

                double total = 0;
                for (int k = 0; k < classes; k++)
                {
                    total += Math.Exp(double.CreateChecked(yRow[k]) - max);
                }

                double logSum = max + Math.Log(total);
                sum += logSum - double.CreateChecked(yRow[label]);
                for (int k = 0; k < classes; k++)
                {
                    double p = Math.Exp(double.CreateChecked(yRow[k]) - logSum);
                    dyRow[k] = T.CreateChecked((p - (k == label ? 1.0 : 0.0)) * scale);
                }
            }
        }

        return sum;
    }
}
