namespace EdgeRnn.Runtime.Model;

/// <summary>
/// The change-point rule of a detector: a change point is reported where the mean prediction error of the last
/// <see cref="RecentRows"/> samples is at least <see cref="Ratio"/> times (or at most 1/<see cref="Ratio"/> of) the mean of
/// the <see cref="ReferenceRows"/> samples before them; the detector then stays quiet for <see cref="ReferenceRows"/> samples.
/// </summary>
public sealed record ChangePointParameters
{
    /// <summary>The settings of <c>edgernn bench-skab</c>: 10 recent rows, 60 reference rows, ratio 1.5.</summary>
    public static ChangePointParameters Default { get; } = new();

    /// <summary>Samples in the recent window, ≥ 1.</summary>
    public int RecentRows { get; init; } = 10;

    /// <summary>Samples in the reference window before them (and in the quiet period after a change point), ≥ 1.</summary>
    public int ReferenceRows { get; init; } = 60;

    /// <summary>The factor between the two windows' mean errors that makes a change point, finite and above 1.</summary>
    public double Ratio { get; init; } = 1.5;
}
