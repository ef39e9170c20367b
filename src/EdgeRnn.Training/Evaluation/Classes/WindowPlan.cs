using System.Globalization;
using EdgeRnn.Runtime;

namespace EdgeRnn.Training.Evaluation.Classes;

/// <summary>
/// How a class model runs over a recording in windows, with the meaning <c>edgernn-device run</c> gives
/// <c>--window-samples</c> and <c>--window-every</c>: after every <see cref="Every"/> samples (K) the last
/// <see cref="Samples"/> samples (N; fewer at the start of the recording) run as one window, from zero states. At the end
/// of a file one more window ends at its last row when that row ended no window, so every row is read.
/// </summary>
/// <param name="Samples">N, the samples in a window, 1 to <see cref="RnnWindow.MaxWindow"/>.</param>
/// <param name="Every">K, the samples between the ends of two windows, ≥ 1.</param>
/// <param name="Source">Where N came from, for reports: "--window-samples", "the model's training window" or "the default".</param>
internal sealed record WindowPlan(int Samples, int Every, string Source)
{
    /// <summary>N when neither the option nor the model's <c>train.window</c> property gives one (as on the board).</summary>
    public const int DefaultSamples = 64;

    /// <summary>The plan of the options, 0 meaning "from the model": N = the model's <c>train.window</c>, else 64; K = N.</summary>
    /// <param name="model">The model.</param>
    /// <param name="samples">--window-samples, 0 for the model's.</param>
    /// <param name="every">--window-every, 0 for every N samples (windows side by side).</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public static WindowPlan Resolve(RnnModel model, int samples, int every)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (samples is < 0 or > RnnWindow.MaxWindow)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--window-samples: expected 0 (the model's training window) to {RnnWindow.MaxWindow}; found {samples}."));
        }

        if (every < 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--window-every: expected 0 (every --window-samples) or more; found {every}."));
        }

        string source = "--window-samples";
        if (samples == 0)
        {
            bool stored = model.Definition.Metadata.Properties.TryGetValue("train.window", out string? text)
                && int.TryParse(text, CultureInfo.InvariantCulture, out samples) && samples is > 0 and <= RnnWindow.MaxWindow;
            samples = stored ? samples : DefaultSamples;
            source = stored ? "the model's training window" : "the default";
        }

        return new WindowPlan(samples, every == 0 ? samples : every, source);
    }

    /// <summary>The windows over <paramref name="rows"/> rows, in order: (first row, row count), each ending at a multiple of K, then at the last row.</summary>
    /// <param name="rows">The rows of the recording.</param>
    /// <returns>The windows.</returns>
    public IEnumerable<(int Start, int Count)> Windows(int rows)
    {
        for (long end = Every; end <= rows; end += Every)
        {
            int count = (int)Math.Min(end, Samples);
            yield return ((int)end - count, count);
        }

        if (rows > 0 && rows % Every != 0)
        {
            int count = Math.Min(rows, Samples);
            yield return (rows - count, count);
        }
    }

    /// <summary>"windows of N samples every K (N from …)".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"windows of {Samples} samples every {Every} ({Samples} from {Source})");
}
