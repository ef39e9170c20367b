namespace EdgeRnn.Training.Evaluation.Nab;

/// <summary>
/// The weights of one NAB application profile (config/profiles.json, "CostMatrix"): what a detected window earns at its
/// left edge (A_TP), what a false positive far from any window costs (A_FP), what a missed window costs (A_FN).
/// All weights are positive numbers; the scorer applies the signs.
/// </summary>
internal sealed record NabCostProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    public static NabCostProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    public static NabCostProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    public static NabCostProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    /// <summary>NAB v1.1's three profiles, in the order NAB prints them.</summary>
    public static IReadOnlyList<NabCostProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];
}
