namespace EdgeRnn.Runtime.Format;

/// <summary>The section kinds of format 1.3 (1.0 has ids 1 to 6, 1.1 adds 7 and 8, 1.2 adds 9); the numbers are stored in the file.</summary>
internal enum SectionId : uint
{
    /// <summary>Task, sample period, feature names, target channels, properties.</summary>
    Metadata = 1,

    /// <summary>Per-channel mean and std applied to the inputs.</summary>
    InputNormalization = 2,

    /// <summary>One recurrent layer; these sections appear in layer order.</summary>
    RecurrentLayer = 3,

    /// <summary>The dense head.</summary>
    Head = 4,

    /// <summary>Per-channel mean and std applied to the head's outputs.</summary>
    OutputNormalization = 5,

    /// <summary>Anomaly-scoring parameters.</summary>
    Scoring = 6,

    /// <summary>Opens one more forecaster of the detector's ensemble: the recurrent layer and head sections after it are its own (1.1).</summary>
    EnsembleMember = 7,

    /// <summary>The detector: likelihood, alarm threshold, change points, time of day (1.1).</summary>
    Detector = 8,

    /// <summary>The reverse direction of the recurrent layer section right before it, which is then bidirectional (1.2).</summary>
    ReverseLayer = 9,

    /// <summary>The decoder of an encoder-decoder model: horizon, start, attention, its layers and attention weights (1.3).</summary>
    Decoder = 10,
}

/// <summary>Names of sections for messages.</summary>
internal static class SectionIds
{
    public static string Describe(uint id) => (SectionId)id switch
    {
        SectionId.Metadata => "metadata",
        SectionId.InputNormalization => "input normalisation",
        SectionId.RecurrentLayer => "recurrent layer",
        SectionId.Head => "head",
        SectionId.OutputNormalization => "output normalisation",
        SectionId.Scoring => "scoring",
        SectionId.EnsembleMember => "ensemble member",
        SectionId.Detector => "detector",
        SectionId.ReverseLayer => "reverse layer",
        SectionId.Decoder => "decoder",
        _ => $"unknown (id {id})",
    };
}

/// <summary>How a weight matrix is stored in a layer or head section.</summary>
internal enum WeightStorage : uint
{
    /// <summary>float32 values, row-major.</summary>
    Float32 = 0,

    /// <summary>float32 per-row scales, then int8 values row-major.</summary>
    Int8 = 1,
}
