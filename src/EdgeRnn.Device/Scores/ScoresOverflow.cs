
using EdgeRnn.Device.Sources.Specs;

namespace EdgeRnn.Device.Scores;

/// <summary>What recording a score does when the scores file's writer has fallen a whole ring behind.</summary>
internal enum ScoresOverflow
{
    /// <summary>The pipeline waits for the writer: every row is written. For sources whose samples wait for the reader
    /// anyway (a recording replayed, even at <c>--speed max</c>; stdin; the simulator), so waiting loses nothing.</summary>
    Wait,

    /// <summary>The row is dropped and counted: the pipeline never waits on the disk. For live sources (TCP, UDP, I2C, IIO),
    /// where waiting would delay the alarms and make the source's own queue drop samples instead.</summary>
    Drop,
}

/// <summary>Chooses the <see cref="ScoresOverflow"/> for a source.</summary>
internal static class ScoresOverflows
{
    /// <summary>Wait for a recording, stdin or the simulator; drop for a live source.</summary>
    /// <param name="source">The run's source.</param>
    /// <returns>The behaviour.</returns>
    public static ScoresOverflow For(SourceSpec source) =>
        source is CsvFileSourceSpec or StdinSourceSpec or SimSourceSpec ? ScoresOverflow.Wait : ScoresOverflow.Drop;
}
