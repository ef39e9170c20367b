using System.Globalization;

namespace EdgeRnn.Training.Evaluation.Data;

/// <summary>
/// Timestamps as NAB writes them in its results files, <c>2014-04-01 00:00:00</c> (the instant in UTC, no zone: the
/// recordings' zone rule reads it back as the same instant). Reading is <see cref="Recordings.RecordingTime"/>'s job.
/// </summary>
internal static class TimestampText
{
    /// <summary>The layout NAB writes in its results files.</summary>
    public const string NabFormat = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Formats a UTC timestamp in NAB's layout.</summary>
    public static string Format(DateTime value) => value.ToString(NabFormat, CultureInfo.InvariantCulture);
}
