using System.Globalization;

namespace EdgeRnn.Training.Data;

/// <summary>
/// The classes of a label column: its distinct values, sorted numerically when every value is an integer ("2" before
/// "10"), otherwise ordinally. A class's index is its position.
/// </summary>
internal sealed class ClassSet
{
    private readonly Dictionary<string, int> _index;

    private ClassSet(string[] names)
    {
        Names = names;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            _index[names[i]] = i;
        }
    }

    /// <summary>The class names, by index.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Collects the classes of some labels.</summary>
    /// <param name="labels">Every label value.</param>
    /// <returns>The class set.</returns>
    public static ClassSet Create(IEnumerable<string> labels)
    {
        var distinct = labels.Distinct(StringComparer.Ordinal).ToArray();
        bool integers = distinct.All(l => long.TryParse(l, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        string[] sorted = integers
            ? distinct.OrderBy(l => long.Parse(l, NumberStyles.Integer, CultureInfo.InvariantCulture)).ThenBy(l => l, StringComparer.Ordinal).ToArray()
            : distinct.Order(StringComparer.Ordinal).ToArray();
        return new ClassSet(sorted);
    }

    /// <summary>The class index of each label.</summary>
    /// <param name="labels">Labels that belong to the set.</param>
    /// <returns>Their indices.</returns>
    public int[] IndicesOf(IReadOnlyList<string> labels)
    {
        var indices = new int[labels.Count];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = _index[labels[i]];
        }

        return indices;
    }
}
