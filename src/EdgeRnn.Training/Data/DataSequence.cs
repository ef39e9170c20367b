namespace EdgeRnn.Training.Data;

/// <summary>
/// One file's usable steps, ready for windowing: normalised inputs and targets (forecast), class indices (classify,
/// label, text) and the raw inputs (for calibration through a model that normalises by itself).
/// </summary>
internal sealed class DataSequence
{
    /// <summary>The file the steps come from.</summary>
    public required string Source { get; init; }

    /// <summary>The number of steps.</summary>
    public required int Length { get; init; }

    /// <summary>Steps × inputs, normalised; empty for text (its inputs are one-hot <see cref="Labels"/>).</summary>
    public float[] Inputs { get; init; } = [];

    /// <summary>Steps × inputs, as read (short gaps filled); empty for text.</summary>
    public float[] RawInputs { get; init; } = [];

    /// <summary>Forecast: steps × target channels, normalised like their input channels; empty otherwise.</summary>
    public float[] Targets { get; init; } = [];

    /// <summary>Per step, the class index (label column or character); empty when there is none.</summary>
    public int[] Labels { get; init; } = [];

    /// <summary>Per step, seconds since the Unix epoch; null without timestamps.</summary>
    public double[]? Times { get; init; }
}

/// <summary>A gap-free run of steps of one sequence, inside one part of the split.</summary>
/// <param name="Sequence">Index into <see cref="TrainingData.Sequences"/>.</param>
/// <param name="Start">The first step.</param>
/// <param name="Length">The number of steps.</param>
internal readonly record struct Segment(int Sequence, int Start, int Length);

/// <summary>A training window: <c>length</c> steps of one sequence starting at <paramref name="Start"/>.</summary>
/// <param name="Sequence">Index into <see cref="TrainingData.Sequences"/>.</param>
/// <param name="Start">The first input step.</param>
internal readonly record struct Window(int Sequence, int Start);
