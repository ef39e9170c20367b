namespace EdgeRnn.Training.Data;

/// <summary>What was read from the data and what cleaning and splitting did, for the train command to print.</summary>
/// <param name="Files">One entry per file, in reading order.</param>
/// <param name="Channels">One entry per input channel (empty for text).</param>
/// <param name="SamplePeriodSeconds">The median time between samples; 0 when unknown.</param>
/// <param name="Warnings">Things the user should look at (constant channels, files with many dropped rows).</param>
internal sealed record DataSummary(
    IReadOnlyList<FileSummary> Files,
    IReadOnlyList<ChannelSummary> Channels,
    double SamplePeriodSeconds,
    IReadOnlyList<string> Warnings)
{
    /// <summary>Per class of the label column, its steps in each part (empty without a label column).</summary>
    public IReadOnlyList<ClassSummary> Classes { get; init; } = [];

    /// <summary>Data rows over all files.</summary>
    public int Rows => Files.Sum(f => f.Rows);

    /// <summary>Usable rows over all files.</summary>
    public int UsableRows => Files.Sum(f => f.UsableRows);

    /// <summary>Carried cells over all files.</summary>
    public int CarriedCells => Files.Sum(f => f.CarriedCells);

    /// <summary>Dropped rows over all files.</summary>
    public int DroppedRows => Files.Sum(f => f.DroppedRows);

    /// <summary>Breaks (missing-value gaps and time breaks) over all files.</summary>
    public int Gaps => Files.Sum(f => f.Gaps + f.TimeBreaks);

    /// <summary>Training steps over all files.</summary>
    public int TrainSteps => Files.Sum(f => f.TrainSteps);

    /// <summary>Validation steps over all files.</summary>
    public int ValidationSteps => Files.Sum(f => f.ValidationSteps);
}

/// <summary>One file's counts.</summary>
/// <param name="Path">The file.</param>
/// <param name="Rows">Data rows (after the header, blank lines not counted).</param>
/// <param name="UsableRows">Rows kept.</param>
/// <param name="MissingCells">Chosen cells that were empty or not a finite number.</param>
/// <param name="CarriedCells">Cells filled with the channel's last value.</param>
/// <param name="DroppedRows">Rows dropped for long gaps, no earlier value, or an empty timestamp or label.</param>
/// <param name="Gaps">Runs of dropped rows that break the recording.</param>
/// <param name="TimeBreaks">Breaks where the timestamps jump or go backwards.</param>
/// <param name="TrainSteps">Usable rows in the training part.</param>
/// <param name="ValidationSteps">Usable rows in the validation part.</param>
internal sealed record FileSummary(
    string Path, int Rows, int UsableRows, int MissingCells, int CarriedCells, int DroppedRows, int Gaps, int TimeBreaks, int TrainSteps, int ValidationSteps)
{
    /// <summary>What the clock did when its timestamps step back, repeat or jump (<see cref="Runtime.Scoring.StreamClock.Describe"/>); null when regular or absent.</summary>
    public string? Clock { get; init; }
}

/// <summary>How often a class occurs.</summary>
/// <param name="Name">The label value.</param>
/// <param name="TrainSteps">Steps with this label in the training part.</param>
/// <param name="ValidationSteps">Steps with this label in the validation part.</param>
internal sealed record ClassSummary(string Name, int TrainSteps, int ValidationSteps);

/// <summary>One input channel's statistics over the training part (raw units).</summary>
/// <param name="Name">The column.</param>
/// <param name="Mean">The mean.</param>
/// <param name="Std">The population standard deviation, before any floor.</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="IsConstant">Whether the std is below the floor (the channel is normalised with std 1).</param>
internal sealed record ChannelSummary(string Name, double Mean, double Std, double Min, double Max, bool IsConstant);
