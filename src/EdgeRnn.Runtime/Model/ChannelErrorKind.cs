namespace EdgeRnn.Runtime.Model;

/// <summary>How a row's per-channel prediction errors d_k = |x_k − ŷ_k| / σ_k (σ_k: the training part's std) become one error.</summary>
public enum ChannelErrorKind
{
    /// <summary>mean_k d_k.</summary>
    MeanAbsolute,

    /// <summary>sqrt(mean_k d_k²): one channel far off counts more than several slightly off.</summary>
    RootMeanSquare,
}
