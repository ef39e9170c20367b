using System.Globalization;

namespace EdgeRnn.Training.Training.Sequence2Sequence;

/// <summary>
/// The chance ε of feeding the true value back after a decoder step, per epoch: a constant <paramref name="Ratio"/>
/// (1 = classic teacher forcing, 0 = always the model's own output), or a scheduled-sampling decay.
/// </summary>
/// <param name="Ratio">The constant chance in [0, 1] when <paramref name="Schedule"/> is <see cref="ScheduledSampling.None"/>.</param>
/// <param name="Schedule">The decay, or none.</param>
/// <param name="K">k of the inverse-sigmoid decay, ≥ 1.</param>
internal readonly record struct TeacherForcing(double Ratio = 1, ScheduledSampling Schedule = ScheduledSampling.None, double K = 0)
{
    /// <summary>ε at epoch <paramref name="epoch"/> (0-based) of <paramref name="epochs"/>.</summary>
    public double Probability(int epoch, int epochs) => Schedule switch
    {
        ScheduledSampling.Linear => epochs <= 1 ? 1 : Math.Max(0, 1 - ((double)epoch / (epochs - 1))),
        ScheduledSampling.InverseSigmoid => K / (K + Math.Exp(epoch / K)),
        _ => Ratio,
    };

    /// <summary>How the options spell it: <c>teacher-forcing 0.5</c>, <c>linear</c> or <c>inverse-sigmoid:8</c>.</summary>
    public override string ToString() => Schedule switch
    {
        ScheduledSampling.Linear => "scheduled sampling linear",
        ScheduledSampling.InverseSigmoid => string.Create(CultureInfo.InvariantCulture, $"scheduled sampling inverse-sigmoid:{K:G6}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"teacher forcing {Ratio:G6}"),
    };

    /// <summary>Draws the mask of a batch: each window's each step true with chance <paramref name="probability"/>, from the batch's own seeded stream.</summary>
    public static void Draw(Span<bool> mask, double probability, ulong seed, int epoch, int batch)
    {
        if (probability >= 1 || probability <= 0)
        {
            mask.Fill(probability >= 1);
            return;
        }

        var random = new DeterministicRandom(seed ^ 0x7EAC4E5F0CC1A9B3UL, ((ulong)epoch << 32) | (uint)batch);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextDouble() < probability;
        }
    }
}
