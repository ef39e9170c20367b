namespace EdgeRnn.Training.Evaluation.Skab;

/// <summary>Where a changepoint's scoring window lies (TSAD's anomaly_window_destination).</summary>
internal enum SkabWindowPlacement
{
    /// <summary>[t − width, t] ("lefter", TSAD's default).</summary>
    Left,

    /// <summary>[t, t + width] ("righter", the placement of SKAB's evaluation scripts).</summary>
    Right,

    /// <summary>[t − width/2, t + width/2] ("center").</summary>
    Centre,
}
