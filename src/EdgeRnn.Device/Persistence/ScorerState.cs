using System.Globalization;
using EdgeRnn.Runtime;

namespace EdgeRnn.Device.Persistence;

/// <summary>
/// The scorer's state (last prediction, recent errors) kept in a state file's extra payload beside the recurrent state,
/// so that a restarted device scores on from where it stopped instead of warming up again.
/// </summary>
internal static class ScorerState
{
    /// <summary>Whether the detector's scorer state fits a state file's extra payload.</summary>
    /// <param name="detector">The stream's detector.</param>
    /// <returns>True when it can be saved with the state.</returns>
    public static bool Fits(AnomalyDetector detector) => detector.ScoringStateSize <= StateFile.MaxExtraBytes;

    /// <summary>Restores the scorer from the state that was loaded, when it carries one; says in the log what happened.</summary>
    /// <param name="saved">The state restored into <c>detector.State</c>, or null when none was.</param>
    /// <param name="detector">The stream's detector, fresh apart from its recurrent state.</param>
    /// <param name="log">Where the outcome is written.</param>
    /// <returns>Whether the scorer's state was restored.</returns>
    public static bool Restore(SavedState? saved, AnomalyDetector detector, TextWriter log)
    {
        if (saved is null)
        {
            return false;
        }

        if (saved.Extra.IsEmpty)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: no scorer state saved with it: the score warms up again over {detector.WarmUpSamples} samples"));
            return false;
        }

        try
        {
            detector.RestoreScoringState(saved.Extra.Span);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: scorer restored ({detector.RecentErrors} recent errors and the last prediction)"));
            return true;
        }
        catch (ModelFormatException e)
        {
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state: scorer state not used: {e.Message} The score warms up again over {detector.WarmUpSamples} samples."));
            return false;
        }
    }
}
