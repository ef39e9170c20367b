namespace EdgeRnn.Runtime.Streaming;

/// <summary>
/// Which source channel feeds each model input. When the source names all of the model's features (CSV header, sensor
/// channel names, case-insensitive), they are taken by name, in the model's order, and extra source channels are ignored;
/// otherwise a source with exactly the model's channel count is taken in order (and <see cref="Note"/> says so).
/// </summary>
public sealed class ChannelMap
{
    private readonly int[] _sourceIndex;

    private ChannelMap(int[] sourceIndex, int sourceCount, string? note)
    {
        _sourceIndex = sourceIndex;
        SourceCount = sourceCount;
        Note = note;
    }

    /// <summary>The source channel count this map was made for.</summary>
    public int SourceCount { get; }

    /// <summary>A sentence for the log when the mapping is not by name, else null.</summary>
    public string? Note { get; }

    /// <summary>Maps a source's channels onto a model's inputs.</summary>
    /// <param name="modelNames">The model's feature names, one per input.</param>
    /// <param name="sourceNames">The source's channel names (may be generic: ch0, ch1, …).</param>
    /// <param name="sourceCount">The source's channel count.</param>
    /// <returns>The map.</returns>
    /// <exception cref="InvalidDataException">The source neither names every model feature nor has the model's channel count.</exception>
    public static ChannelMap Create(IReadOnlyList<string> modelNames, IReadOnlyList<string> sourceNames, int sourceCount)
    {
        ArgumentNullException.ThrowIfNull(modelNames);
        ArgumentNullException.ThrowIfNull(sourceNames);
        var byName = new int[modelNames.Count];
        bool allNamed = sourceNames.Count == sourceCount;
        for (int i = 0; i < modelNames.Count && allNamed; i++)
        {
            byName[i] = IndexOf(sourceNames, modelNames[i]);
            allNamed = byName[i] >= 0;
        }

        if (allNamed)
        {
            return new ChannelMap(byName, sourceCount, null);
        }

        if (sourceCount == modelNames.Count)
        {
            string? note = sourceNames.Count == sourceCount && !sourceNames.All(IsGeneric)
                ? $"the source's channels ({string.Join(", ", sourceNames)}) do not name the model's features ({string.Join(", ", modelNames)}): using them in order"
                : null;
            return new ChannelMap(Enumerable.Range(0, sourceCount).ToArray(), sourceCount, note);
        }

        throw new InvalidDataException(
            $"Expected a source with the model's {modelNames.Count} channels ({string.Join(", ", modelNames)}), by name or in order; "
            + $"found {sourceCount} channels ({string.Join(", ", sourceNames)}).");
    }

    /// <summary>Copies the mapped source values into the model's input order.</summary>
    /// <param name="source">One value per source channel (<see cref="SourceCount"/>).</param>
    /// <param name="input">One value per model input.</param>
    public void Apply(ReadOnlySpan<float> source, Span<float> input)
    {
        int[] map = _sourceIndex;
        for (int i = 0; i < map.Length; i++)
        {
            input[i] = source[map[i]];
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i].Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsGeneric(string name) =>
        name.Length > 2 && name.StartsWith("ch", StringComparison.Ordinal) && name[2..].All(char.IsAsciiDigit);
}
