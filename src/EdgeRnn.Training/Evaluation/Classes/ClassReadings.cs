using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>
/// What a classify or label model read at each row of a recording (<see cref="Run"/>): its outputs and most likely class,
/// and, when it ran in windows, where in its window the row was read.
/// </summary>
/// <remarks>
/// Step by step (no <see cref="WindowPlan"/>, a unidirectional model only): one state from the first row to the last,
/// every row read, as the board steps such a model. In windows (<see cref="WindowPlan"/>): a Label model reads every row of
/// every window, and a row that several windows cover keeps the reading of the window that gives it the most context on its
/// shorter side, min(rows before it, rows after it) in the window (on a tie the longer window, then the later one); with
/// K = N each row is read by one window but for the last rows of a file, which the last window may read again. A Classify
/// model reads one class per window, at the window's last row; other rows are unread.
/// </remarks>
internal sealed class ClassReadings
{
    private ClassReadings(int rows, int classes, WindowPlan? plan)
    {
        Classes = classes;
        Plan = plan;
        Outputs = new float[rows * classes];
        Outputs.AsSpan().Fill(float.NaN);
        Predicted = new int[rows];
        Predicted.AsSpan().Fill(-1);
        Position = new int[rows];
        Position.AsSpan().Fill(-1);
        WindowLength = new int[rows];
    }

    /// <summary>The model's outputs per row (rows × classes), NaN where a row was not read.</summary>
    public float[] Outputs { get; }

    /// <summary>The most likely class of each row; −1 where a row was not read.</summary>
    public int[] Predicted { get; }

    /// <summary>The row's index in the window that read it (0 = the window's first row); −1 when stepped or unread.</summary>
    public int[] Position { get; }

    /// <summary>The length of the window that read the row; 0 when stepped or unread.</summary>
    public int[] WindowLength { get; }

    /// <summary>The number of outputs per row.</summary>
    public int Classes { get; }

    /// <summary>The windows, or null when the model stepped through the rows.</summary>
    public WindowPlan? Plan { get; }

    /// <summary>Runs the model over the rows.</summary>
    /// <param name="model">A classify or label model.</param>
    /// <param name="inputs">rows × <see cref="RnnModel.InputSize"/> raw samples, oldest first (NaN for a missing sample).</param>
    /// <param name="plan">The windows; null to step (a unidirectional model only).</param>
    /// <returns>The readings.</returns>
    /// <exception cref="ArgumentException">The model is not a classify or label model, the inputs are not whole rows, or a bidirectional model was asked to step.</exception>
    public static ClassReadings Run(RnnModel model, ReadOnlySpan<float> inputs, WindowPlan? plan)
    {
        ArgumentNullException.ThrowIfNull(model);
        var task = model.Definition.Metadata.Task;
        if (task is not (ModelTask.Classify or ModelTask.Label))
        {
            throw new ArgumentException($"expected a classify or label model; found a {task.ToString().ToLowerInvariant()} model.", nameof(model));
        }

        int width = model.InputSize;
        if (inputs.Length % width != 0)
        {
            throw new ArgumentException($"expected whole rows of {width} inputs; found {inputs.Length} values.", nameof(inputs));
        }

        if (plan is null && model.Definition.IsBidirectional)
        {
            throw new ArgumentException("a bidirectional model reads whole windows: expected a window plan, found none.", nameof(plan));
        }

        var readings = new ClassReadings(inputs.Length / width, model.OutputSize, plan);
        if (plan is null)
        {
            readings.Step(model, inputs);
        }
        else
        {
            readings.RunWindows(model, inputs, plan, task == ModelTask.Classify);
        }

        return readings;
    }

    private void Step(RnnModel model, ReadOnlySpan<float> inputs)
    {
        var state = model.CreateState();
        int width = model.InputSize;
        for (int r = 0; r < Predicted.Length; r++)
        {
            var output = Outputs.AsSpan(r * Classes, Classes);
            state.Step(inputs.Slice(r * width, width), output);
            Predicted[r] = ArgMax(output);
        }
    }

    private void RunWindows(RnnModel model, ReadOnlySpan<float> inputs, WindowPlan plan, bool lastOnly)
    {
        var runner = model.CreateWindow(plan.Samples);
        int width = model.InputSize;
        var outputs = new float[plan.Samples * Classes];
        var context = new long[Predicted.Length];
        foreach (var (start, count) in plan.Windows(Predicted.Length))
        {
            var window = outputs.AsSpan(0, (lastOnly ? 1 : count) * Classes);
            runner.Run(inputs.Slice(start * width, count * width), window);
            for (int p = lastOnly ? count - 1 : 0; p < count; p++)
            {
                int row = start + p;
                long shorterSide = ((long)Math.Min(p, count - 1 - p) << 32) | (uint)count;
                if (Predicted[row] >= 0 && shorterSide < context[row])
                {
                    continue;
                }

                var output = window.Slice((lastOnly ? 0 : p) * Classes, Classes);
                output.CopyTo(Outputs.AsSpan(row * Classes, Classes));
                Predicted[row] = ArgMax(output);
                Position[row] = p;
                WindowLength[row] = count;
                context[row] = shorterSide;
            }
        }
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            best = values[i] > values[best] ? i : best;
        }

        return best;
    }
}
