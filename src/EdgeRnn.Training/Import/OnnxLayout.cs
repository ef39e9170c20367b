namespace EdgeRnn.Training.Import;

/// <summary>What an axis of a tensor on the path from input to output indexes.</summary>
internal enum OnnxAxis
{
    /// <summary>The steps of the sequence.</summary>
    Time,

    /// <summary>An axis of length 1 per stream: the batch of one stream, or a layer's one direction.</summary>
    One,

    /// <summary>The features of one step.</summary>
    Feature,
}

/// <summary>
/// The meaning of each axis of a tensor on the path from input to output, and its feature width: the importer follows it
/// through Transpose, Squeeze and Unsqueeze so that it knows, whatever the exporter put between the layers, that each
/// recurrent node gets [time, 1, features] and the head multiplies the features.
/// </summary>
/// <param name="Axes">One entry per axis.</param>
/// <param name="Width">The length of the <see cref="OnnxAxis.Feature"/> axis.</param>
internal sealed record OnnxLayout(OnnxAxis[] Axes, int Width)
{
    /// <summary>The layout an ONNX recurrent node takes as X (layout 0): [time, batch, features].</summary>
    /// <param name="width">The features.</param>
    /// <returns>The layout.</returns>
    public static OnnxLayout RecurrentInput(int width) => new([OnnxAxis.Time, OnnxAxis.One, OnnxAxis.Feature], width);

    /// <summary>The layout of a recurrent node's Y: [time, directions, batch, hidden].</summary>
    /// <param name="hidden">The hidden size.</param>
    /// <returns>The layout.</returns>
    public static OnnxLayout RecurrentOutput(int hidden) => new([OnnxAxis.Time, OnnxAxis.One, OnnxAxis.One, OnnxAxis.Feature], hidden);

    /// <summary>The number of axes.</summary>
    public int Rank => Axes.Length;

    /// <summary>Whether the layout is <see cref="RecurrentInput"/>'s, whatever the width.</summary>
    public bool IsRecurrentInput => Axes is [OnnxAxis.Time, OnnxAxis.One, OnnxAxis.Feature];

    /// <summary>The layout after a Transpose.</summary>
    /// <param name="perm">The permutation (null: reverse the axes, ONNX's default).</param>
    /// <returns>The new layout, or null when <paramref name="perm"/> is not a permutation of the axes.</returns>
    public OnnxLayout? Transposed(long[]? perm)
    {
        perm ??= [.. Enumerable.Range(0, Rank).Reverse().Select(i => (long)i)];
        if (!IsPermutation(perm, Rank))
        {
            return null;
        }

        return this with { Axes = [.. perm.Select(p => Axes[p])] };
    }

    /// <summary>The layout before a Transpose that gives this one.</summary>
    /// <param name="perm">The permutation (null: reverse).</param>
    /// <returns>The input's layout, or null when <paramref name="perm"/> is not a permutation of the axes.</returns>
    public OnnxLayout? BeforeTranspose(long[]? perm)
    {
        perm ??= [.. Enumerable.Range(0, Rank).Reverse().Select(i => (long)i)];
        if (!IsPermutation(perm, Rank))
        {
            return null;
        }

        var axes = new OnnxAxis[Rank];
        for (int i = 0; i < Rank; i++)
        {
            axes[perm[i]] = Axes[i];
        }

        return this with { Axes = axes };
    }

    /// <summary>The layout after a Squeeze of <paramref name="axes"/>, each of which must be a length-1 axis.</summary>
    /// <param name="axes">The axes removed (negative counts from the end).</param>
    /// <returns>The new layout, or null when an axis is out of range or not of length 1.</returns>
    public OnnxLayout? Squeezed(long[] axes)
    {
        var removed = Normalize(axes, Rank);
        if (removed is null || removed.Any(axis => Axes[axis] != OnnxAxis.One))
        {
            return null;
        }

        return this with { Axes = [.. Axes.Where((_, i) => !removed.Contains(i))] };
    }

    /// <summary>The layout before a Squeeze of <paramref name="axes"/> that gives this one.</summary>
    /// <param name="axes">The axes removed (negative counts from the end of the input).</param>
    /// <returns>The input's layout, or null when an axis is out of range.</returns>
    public OnnxLayout? BeforeSqueeze(long[] axes) => Inserted(axes);

    /// <summary>The layout after an Unsqueeze, whose new axes have length 1.</summary>
    /// <param name="axes">The new axes' positions in the output (negative counts from the end).</param>
    /// <returns>The new layout, or null when an axis is out of range.</returns>
    public OnnxLayout? Unsqueezed(long[] axes) => Inserted(axes);

    /// <summary>The layout before an Unsqueeze that gives this one.</summary>
    /// <param name="axes">The new axes' positions in the output.</param>
    /// <returns>The input's layout, or null when an axis is out of range or is not of length 1 here.</returns>
    public OnnxLayout? BeforeUnsqueeze(long[] axes) => Squeezed(axes);

    /// <summary>The layout as text, e.g. <c>[time, 1, features (8)]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        "[" + string.Join(", ", Axes.Select(axis => axis switch
        {
            OnnxAxis.Time => "time",
            OnnxAxis.One => "1",
            _ => $"features ({Width})",
        })) + "]";

    private OnnxLayout? Inserted(long[] axes)
    {
        int rank = Rank + axes.Length;
        var added = Normalize(axes, rank);
        if (added is null)
        {
            return null;
        }

        var result = new OnnxAxis[rank];
        int next = 0;
        for (int i = 0; i < rank; i++)
        {
            result[i] = added.Contains(i) ? OnnxAxis.One : Axes[next++];
        }

        return this with { Axes = result };
    }

    private static HashSet<int>? Normalize(long[] axes, int rank)
    {
        var result = new HashSet<int>();
        foreach (long axis in axes)
        {
            long normalized = axis < 0 ? axis + rank : axis;
            if (normalized < 0 || normalized >= rank || !result.Add((int)normalized))
            {
                return null;
            }
        }

        return result;
    }

    private static bool IsPermutation(long[] perm, int rank) =>
        perm.Length == rank && perm.All(p => p >= 0 && p < rank) && perm.Distinct().Count() == rank;
}
