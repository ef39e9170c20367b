namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>
/// Builds SKAB's changepoint scoring windows, one per labelled changepoint (a row whose <c>changepoint</c> column is 1).
/// </summary>
/// <remarks>
/// Conventions, from SKAB's evaluation (waico/SKAB core/metrics.py, taken from waico/tsad: single_detecting_boundaries
/// and chp_score) and SKAB's evaluation scripts (chp_score(..., metric="nab", window_width="60s",
/// anomaly_window_destination="righter")):
/// - the window has a fixed width in time: 60 s by default (SKAB's README leaderboard of 2021 states 30 s);
/// - it lies to the right of the changepoint by default, [t, t + width];
/// - overlapping windows are resolved by "cut right window": when window i ends at or after window i + 1 starts,
///   window i + 1 starts where window i ends.
/// </remarks>
internal static class SkabChangepointWindows
{
    /// <summary>SKAB's window width for the NAB score of the changepoint task.</summary>
    public static readonly TimeSpan DefaultWidth = TimeSpan.FromSeconds(60);

    public static IReadOnlyList<(DateTime Start, DateTime End)> Build(IReadOnlyList<DateTime> timestamps, IReadOnlyList<bool> changepoints, TimeSpan width, SkabWindowPlacement placement = SkabWindowPlacement.Right)
    {
        if (timestamps.Count != changepoints.Count)
        {
            throw new ArgumentException($"expected one changepoint label per timestamp ({timestamps.Count}), found {changepoints.Count}", nameof(changepoints));
        }

        var windows = new List<(DateTime Start, DateTime End)>();
        for (int i = 0; i < timestamps.Count; i++)
        {
            if (!changepoints[i])
            {
                continue;
            }

            var t = timestamps[i];
            windows.Add(placement switch
            {
                SkabWindowPlacement.Left => (t - width, t),
                SkabWindowPlacement.Right => (t, t + width),
                _ => (t - (width / 2), t + (width / 2)),
            });
        }

        for (int i = 0; i + 1 < windows.Count; i++)
        {
            if (windows[i].End >= windows[i + 1].Start)
            {
                windows[i + 1] = (windows[i].End, windows[i + 1].End);
            }
        }

        return windows;
    }
}
