using System.Text;
using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;
using EdgeRnn.Training.Data;
using EdgeRnn.Training.Runs;

namespace EdgeRnn.Trainer.Commands.Train;

/// <summary>
/// Samples text from a character-level model step by step through the runtime (<see cref="RnnState.Step"/> with a
/// one-hot character, or <see cref="RnnState.StepToken"/> for a model with an embedding table): the prompt primes the
/// state, then each next character is drawn from softmax(logits / temperature), optionally over the k most likely
/// characters only (top-k), and fed back.
/// </summary>
internal sealed class TextSampler
{
    private readonly RnnModel _model;
    private readonly string _vocabulary;
    private readonly Dictionary<char, int> _classOf = [];

    /// <summary>Wraps a text model.</summary>
    /// <exception cref="ArgumentException">The model is not a text model or carries no vocabulary of its input width.</exception>
    public TextSampler(RnnModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var metadata = model.Definition.Metadata;
        if (metadata.Task != ModelTask.Text)
        {
            throw new ArgumentException($"Expected a text model (trained with --task text); found a {metadata.Task.ToString().ToLowerInvariant()} model.", nameof(model));
        }

        if (!metadata.Properties.TryGetValue(ModelProperties.Vocabulary, out string? vocabulary) || vocabulary.Length != model.InputSize || model.OutputSize != model.InputSize)
        {
            throw new ArgumentException($"Expected a '{ModelProperties.Vocabulary}' property of {model.InputSize} characters (the input width); found {(vocabulary is null ? "none" : vocabulary.Length + " characters")}.", nameof(model));
        }

        _model = model;
        _vocabulary = vocabulary;
        for (int i = 0; i < vocabulary.Length; i++)
        {
            _classOf[vocabulary[i]] = i;
        }
    }

    /// <summary>The prompt followed by <paramref name="length"/> sampled characters.</summary>
    /// <param name="prompt">Characters of the vocabulary; when empty, the first input is '\n' if known, else the vocabulary's first character.</param>
    /// <param name="length">Characters to sample (≥ 0).</param>
    /// <param name="temperature">Softmax temperature (&gt; 0; lower is more conservative), or 0 for the most likely character.</param>
    /// <param name="seed">The seed of the draws.</param>
    /// <param name="topK">Draw among the <paramref name="topK"/> most likely characters only (renormalised); 0 for all.</param>
    /// <returns>The generated text, prompt included.</returns>
    /// <exception cref="ArgumentException">The prompt holds a character outside the vocabulary, or a value is out of range.</exception>
    public string Generate(string prompt, int length, double temperature, ulong seed, int topK = 0)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (length < 0)
        {
            throw new ArgumentException($"Expected a length ≥ 0; found {length}.", nameof(length));
        }

        if (!(temperature >= 0) || double.IsInfinity(temperature))
        {
            throw new ArgumentException($"Expected a finite temperature ≥ 0; found {temperature}.", nameof(temperature));
        }

        if (topK < 0)
        {
            throw new ArgumentException($"Expected a top-k of 0 (off) or more characters; found {topK}.", nameof(topK));
        }

        foreach (char c in prompt)
        {
            if (!_classOf.ContainsKey(c))
            {
                throw new ArgumentException($"Expected prompt characters from the model's vocabulary ({Printable(_vocabulary)}); found {Printable(c.ToString())}.", nameof(prompt));
            }
        }

        var state = _model.CreateState();
        var input = new float[_model.InputSize];
        var logits = new float[_model.OutputSize];
        var random = new SplitMix64(seed);
        var text = new StringBuilder(prompt, prompt.Length + length);
        string primer = prompt.Length > 0 ? prompt : _classOf.ContainsKey('\n') ? "\n" : _vocabulary[..1];
        foreach (char c in primer)
        {
            Feed(state, input, _classOf[c], logits);
        }

        for (int i = 0; i < length; i++)
        {
            int next = temperature == 0 ? ArgMax(logits) : Draw(logits, temperature, topK, ref random);
            text.Append(_vocabulary[next]);
            Feed(state, input, next, logits);
        }

        return text.ToString();
    }

    private static void Feed(RnnState state, float[] input, int index, float[] logits)
    {
        if (state.Model.Definition.Embedding is not null)
        {
            state.StepToken(index, logits);
            return;
        }

        Array.Clear(input);
        input[index] = 1f;
        state.Step(input, logits);
    }

    /// <summary>
    /// Draws a class from softmax(logits / temperature) restricted to the <paramref name="topK"/> largest logits (ties
    /// broken by the lower index; 0 or k ≥ the class count keeps all), renormalised over them; one draw of
    /// <paramref name="random"/>. With k = 1 the result is the arg max.
    /// </summary>
    internal static int Draw(ReadOnlySpan<float> logits, double temperature, int topK, ref SplitMix64 random)
    {
        double max = double.NegativeInfinity;
        foreach (float logit in logits)
        {
            max = Math.Max(max, logit);
        }

        double floor = double.NegativeInfinity;
        int keptAtFloor = int.MaxValue;
        if (topK > 0 && topK < logits.Length)
        {
            floor = KthLargest(logits, topK, out keptAtFloor);
        }

        double total = 0;
        var weights = new double[logits.Length];
        for (int i = 0; i < logits.Length; i++)
        {
            if (logits[i] < floor || (logits[i] == floor && keptAtFloor-- <= 0))
            {
                continue;
            }

            weights[i] = Math.Exp((logits[i] - max) / temperature);
            total += weights[i];
        }

        double u = (random.NextUInt64() >> 11) * (1.0 / (1UL << 53)) * total;
        for (int i = 0; i < weights.Length; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return ArgMax(logits);
    }

    /// <summary>The k-th largest logit, and how many logits equal to it are among the k largest (the first ones by index).</summary>
    private static double KthLargest(ReadOnlySpan<float> logits, int k, out int tiesKept)
    {
        var sorted = logits.ToArray();
        Array.Sort(sorted, (a, b) => b.CompareTo(a));
        float kth = sorted[k - 1];
        int above = 0;
        foreach (float logit in sorted)
        {
            above += logit > kth ? 1 : 0;
        }

        tiesKept = k - above;
        return kth;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static string Printable(string text) => "\"" + text.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";
}
