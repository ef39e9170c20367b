namespace EdgeRnn.Training.Runs;

/// <summary>Keys of <see cref="Runtime.Model.ModelMetadata.Properties"/> that <c>edgernn</c> writes and reads.</summary>
internal static class ModelProperties
{
    /// <summary>A text model's vocabulary: the characters in class order, as one string.</summary>
    public const string Vocabulary = "vocabulary";

    /// <summary>A classify or label model's class names, index = class, as a JSON array of strings.</summary>
    public const string Classes = "classes";
}
