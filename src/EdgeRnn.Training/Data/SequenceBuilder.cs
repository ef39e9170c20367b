using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>Turns a cleaned recording into a <see cref="DataSequence"/>: normalised inputs, gathered targets, class indices.</summary>
internal static class SequenceBuilder
{
    /// <summary>Builds the sequence.</summary>
    /// <param name="recording">The cleaned file.</param>
    /// <param name="normalization">The input normalisation.</param>
    /// <param name="targets">Forecast target channels (indices into the inputs); empty for the other tasks.</param>
    /// <param name="classes">The classes of the label column, or null without one.</param>
    /// <returns>The sequence.</returns>
    public static DataSequence Build(Recording recording, ChannelNormalization normalization, int[] targets, ClassSet? classes)
    {
        int channels = recording.Channels;
        int length = recording.Length;
        var inputs = new float[recording.Values.Length];
        ReadOnlySpan<float> mean = normalization.Mean;
        ReadOnlySpan<float> std = normalization.Std;
        for (int i = 0; i < inputs.Length; i++)
        {
            int c = i % channels;
            inputs[i] = (recording.Values[i] - mean[c]) / std[c];
        }

        var targetValues = new float[length * targets.Length];
        for (int t = 0; t < length; t++)
        {
            for (int j = 0; j < targets.Length; j++)
            {
                targetValues[(t * targets.Length) + j] = inputs[(t * channels) + targets[j]];
            }
        }

        return new DataSequence
        {
            Source = recording.Path,
            Length = length,
            Inputs = inputs,
            RawInputs = recording.Values,
            Targets = targetValues,
            Labels = classes is not null && recording.Labels is not null ? classes.IndicesOf(recording.Labels) : [],
            Times = recording.Times,
        };
    }
}
