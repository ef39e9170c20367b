namespace EdgeRnn.Training.Calibration;

/// <summary>
/// Chooses the alarm threshold θ from anomaly scores collected on validation data. An alarm starts (an onset) at every
/// step whose score is ≥ θ while the previous step's was not (or at a stream's first step), so a long excursion counts once.
/// </summary>
internal static class AlarmThreshold
{
    /// <summary>At most this many candidate thresholds are tried; beyond it they are spread evenly over the distinct scores.</summary>
    public const int MaxCandidates = 4096;

    /// <summary>The number of alarm onsets at threshold <paramref name="threshold"/>.</summary>
    /// <param name="streams">Scores per stream, in time order (0 where the scorer was still warming up).</param>
    /// <param name="threshold">θ in [0, 1]; a step alarms when its score is ≥ θ.</param>
    /// <returns>The count of rising edges.</returns>
    public static int CountOnsets(IReadOnlyList<float[]> streams, float threshold)
    {
        ArgumentNullException.ThrowIfNull(streams);
        int onsets = 0;
        foreach (float[] scores in streams)
        {
            bool above = false;
            foreach (float score in scores)
            {
                bool now = score >= threshold;
                if (now && !above)
                {
                    onsets++;
                }

                above = now;
            }
        }

        return onsets;
    }

    /// <summary>
    /// The lowest threshold at which no candidate at or above it gives more than <paramref name="allowedOnsets"/> onsets;
    /// candidates are the distinct scores. When even the highest score gives too many, θ is just above it (capped at 1).
    /// </summary>
    /// <param name="streams">Scores per stream.</param>
    /// <param name="allowedOnsets">The most alarm onsets the validation data may show (≥ 0; the rate × days).</param>
    /// <returns>θ in [0, 1].</returns>
    public static float ForOnsets(IReadOnlyList<float[]> streams, double allowedOnsets)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!(allowedOnsets >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(allowedOnsets), allowedOnsets, "Expected an allowed number of onsets ≥ 0.");
        }

        float[] distinct = Distinct(streams);
        if (distinct.Length == 0)
        {
            return 1f;
        }

        int stride = Math.Max(1, distinct.Length / MaxCandidates);
        float chosen = Math.Min(MathF.BitIncrement(distinct[^1]), 1f);
        for (int i = distinct.Length - 1; i >= 0; i -= stride)
        {
            if (CountOnsets(streams, distinct[i]) > allowedOnsets)
            {
                break;
            }

            chosen = distinct[i];
        }

        return chosen;
    }

    /// <summary>The <paramref name="quantile"/> of all scores (nearest rank): that share of steps stays below θ.</summary>
    /// <param name="streams">Scores per stream.</param>
    /// <param name="quantile">In (0, 1], e.g. 0.999.</param>
    /// <returns>θ in [0, 1].</returns>
    public static float ForQuantile(IReadOnlyList<float[]> streams, double quantile)
    {
        ArgumentNullException.ThrowIfNull(streams);
        if (!(quantile > 0 && quantile <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "Expected an alarm quantile in (0, 1].");
        }

        float[] all = streams.SelectMany(s => s).ToArray();
        if (all.Length == 0)
        {
            return 1f;
        }

        Array.Sort(all);
        int rank = (int)Math.Ceiling(quantile * all.Length) - 1;
        float value = all[Math.Clamp(rank, 0, all.Length - 1)];

        // Scores equal to the quantile value alarm (≥ θ); the step just above keeps the requested share below θ.
        return Math.Min(MathF.BitIncrement(value), 1f);
    }

    private static float[] Distinct(IReadOnlyList<float[]> streams)
    {
        var all = streams.SelectMany(s => s).ToArray();
        Array.Sort(all);
        int n = 0;
        for (int i = 0; i < all.Length; i++)
        {
            if (n == 0 || all[i] != all[n - 1])
            {
                all[n++] = all[i];
            }
        }

        return all[..n];
    }
}
