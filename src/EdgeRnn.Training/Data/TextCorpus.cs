using System.Text;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Character-level text data: UTF-8 files with line endings normalised to '\n'. The vocabulary is the sorted (ordinal)
/// distinct UTF-16 characters of all files, validation part included, so that validation never meets an unknown
/// character; a character's class is its index in the vocabulary. Inputs are one-hot characters and the target of
/// each step is the next character's class. The last part of each file validates.
/// </summary>
internal static class TextCorpus
{
    /// <summary>Loads text files.</summary>
    /// <param name="files">The files, in order.</param>
    /// <param name="validationFraction">The share of each file's characters, at its end, that validates, in [0, 1).</param>
    /// <returns>The training data (task <see cref="ModelTask.Text"/>).</returns>
    /// <exception cref="RecordingException">A file is empty, or the vocabulary is larger than a model can be wide.</exception>
    public static TrainingData Load(IReadOnlyList<string> files, double validationFraction)
    {
        var texts = new string[files.Count];
        for (int f = 0; f < files.Count; f++)
        {
            texts[f] = File.ReadAllText(files[f], Encoding.UTF8).ReplaceLineEndings("\n");
            if (texts[f].Length < 2)
            {
                throw new RecordingException(files[f], 0, $"Expected text of at least 2 characters; found {texts[f].Length}.");
            }
        }

        string vocabulary = BuildVocabulary(texts);
        if (vocabulary.Length > ModelDefinition.MaxWidth)
        {
            throw new RecordingException($"Expected at most {ModelDefinition.MaxWidth} distinct characters; found {vocabulary.Length}.");
        }

        var classOf = new Dictionary<char, int>(vocabulary.Length);
        for (int i = 0; i < vocabulary.Length; i++)
        {
            classOf[vocabulary[i]] = i;
        }

        var sequences = new DataSequence[texts.Length];
        var train = new List<Segment>();
        var validation = new List<Segment>();
        var summaries = new FileSummary[texts.Length];
        for (int f = 0; f < texts.Length; f++)
        {
            string text = texts[f];
            var labels = new int[text.Length];
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = classOf[text[i]];
            }

            sequences[f] = new DataSequence { Source = files[f], Length = text.Length, Labels = labels };
            int trainLength = TimeSplit.TrainLength(text.Length, validationFraction);
            if (trainLength > 0)
            {
                train.Add(new Segment(f, 0, trainLength));
            }

            if (trainLength < text.Length)
            {
                validation.Add(new Segment(f, trainLength, text.Length - trainLength));
            }

            summaries[f] = new FileSummary(files[f], text.Length, text.Length, 0, 0, 0, 0, 0, trainLength, text.Length - trainLength);
        }

        return new TrainingData
        {
            Task = ModelTask.Text,
            Sequences = sequences,
            TrainSegments = train,
            ValidationSegments = validation,
            InputWidth = vocabulary.Length,
            OutputWidth = vocabulary.Length,
            Vocabulary = vocabulary,
            InputNormalization = ChannelNormalization.Identity(vocabulary.Length),
            OutputNormalization = ChannelNormalization.Identity(vocabulary.Length),
            Summary = new DataSummary(summaries, [], 0, []),
        };
    }

    /// <summary>The sorted distinct characters of some texts.</summary>
    /// <param name="texts">The texts.</param>
    /// <returns>The vocabulary.</returns>
    public static string BuildVocabulary(IEnumerable<string> texts)
    {
        var set = new SortedSet<char>();
        foreach (string text in texts)
        {
            set.UnionWith(text);
        }

        return new string(set.ToArray());
    }
}
