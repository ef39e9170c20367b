namespace EdgeRnn.Training.Training.Loop;

/// <summary>One finished epoch.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches (with dropout, as trained).</param>
/// <param name="ValidationLoss">Mean validation loss after the epoch; NaN without validation windows.</param>
/// <param name="LearningRate">The rate used during the epoch.</param>
/// <param name="WindowsPerSecond">Training windows processed per second (excluding validation).</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
internal readonly record struct EpochRecord(int Epoch, double TrainLoss, double ValidationLoss, double LearningRate, double WindowsPerSecond, double Seconds);

/// <summary>Where an epoch stands, reported after every batch and after validation.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">The planned number of epochs.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches in this epoch.</param>
/// <param name="TrainLoss">Running mean training loss of the epoch.</param>
/// <param name="WindowsPerSecond">Training windows per second so far in the epoch.</param>
/// <param name="Finished">The epoch's record once validation is done; null while it runs.</param>
internal readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double TrainLoss, double WindowsPerSecond, EpochRecord? Finished);

/// <summary>Why training ended.</summary>
internal enum StopReason
{
    /// <summary>All epochs ran.</summary>
    Completed = 0,

    /// <summary>The validation loss stopped improving for the patience.</summary>
    EarlyStopped = 1,

    /// <summary>The cancellation token fired; training stopped after the current batch.</summary>
    Cancelled = 2,

    /// <summary>The training loss became NaN or infinite.</summary>
    Diverged = 3,
}

/// <summary>What <see cref="NetworkTrainer.Fit"/> returns: the best weights (lowest validation loss, or the last without validation) and the history.</summary>
internal sealed record TrainingResult(
    NetworkShape Shape,
    float[] BestParameters,
    int BestEpoch,
    double BestValidationLoss,
    IReadOnlyList<EpochRecord> History,
    StopReason Stop);
