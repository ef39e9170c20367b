namespace EdgeRnn.Runtime.Format;

/// <summary>The section kinds of format 1.0; the numbers are stored in the file.</summary>
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
