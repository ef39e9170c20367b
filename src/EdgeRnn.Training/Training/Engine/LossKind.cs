namespace EdgeRnn.Training.Training.Engine;

/// <summary>The training loss, each the mean over the positions that count (PyTorch's <c>reduction='mean'</c>).</summary>
internal enum LossKind
{
    /// <summary>Mean squared error over every counted step, output and window (forecast).</summary>
    MeanSquaredError = 0,

    /// <summary>Cross-entropy of the logits at every counted step against that step's label (label, text).</summary>
    CrossEntropyPerStep = 1,

    /// <summary>Cross-entropy of the logits after the last step against the window's label (classify); the head runs once.</summary>
    CrossEntropyLastStep = 2,
}

/// <summary>How the engine runs one batch.</summary>
/// <param name="Loss">The loss.</param>
/// <param name="BurnInSteps">The first steps of each window, excluded from the loss (they only warm up the state).</param>
/// <param name="DropoutRate">Inverted dropout on the outputs of every layer but the last, in [0, 1); 0 when evaluating.</param>
/// <param name="DropoutSeed">The seed of this batch's dropout masks (mixed with each chunk's index).</param>
internal readonly record struct BpttOptions(LossKind Loss, int BurnInSteps = 0, double DropoutRate = 0, ulong DropoutSeed = 0);
