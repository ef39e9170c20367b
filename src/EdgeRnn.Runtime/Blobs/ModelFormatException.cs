namespace EdgeRnn.Runtime;

/// <summary>
/// Bytes that should be one of EdgeRnn's formats (models/FORMAT.md) are not: a model file, or a saved state (ERST), scorer
/// state (ERSC) or detector state (ERSD) — any <see cref="Blobs.CheckedBlob"/> — that is truncated, corrupt, of another
/// format or a version this reader does not know, saved from another model, or holding an absurd or non-finite value. The
/// message says what was expected and what was found, and where: the byte offset or section of a model file, the field of
/// a saved state.
/// </summary>
/// <remarks>
/// <para>The one exception for bad bytes, wherever the runtime reads them: <see cref="RnnModel.Load(ReadOnlySpan{byte})"/>,
/// <see cref="RnnState.Restore"/>, <see cref="AnomalyDetector.RestoreScoringState"/> and
/// <see cref="Blobs.CheckedBlob.Open"/>, which the device's state file and the trainer's checkpoint are read through, so
/// they throw it too. Whatever threw it left the object it was restoring unchanged.</para>
/// <para>Other problems keep .NET's types: a file that cannot be read is an <see cref="IOException"/>; an argument of the
/// wrong size an <see cref="ArgumentException"/>; a source whose channels do not fit the model
/// (<see cref="StreamDetector.Bind(IReadOnlyList{string})"/>) an <see cref="InvalidDataException"/>, as the device and
/// the trainer report input data that does not fit.</para>
/// </remarks>
public sealed class ModelFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ModelFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was expected and what was found.</param>
    public ModelFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What was expected and what was found.</param>
    /// <param name="innerException">The cause.</param>
    public ModelFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
