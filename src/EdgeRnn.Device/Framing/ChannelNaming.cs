namespace EdgeRnn.Device.Framing;

/// <summary>Names for channels when the data has no header: "ch0", "ch1", ...</summary>
internal static class ChannelNaming
{
    /// <summary>The default names of <paramref name="count"/> channels.</summary>
    /// <param name="count">The channel count, 0 or more.</param>
    /// <returns>"ch0" to "ch{count-1}".</returns>
    public static string[] Default(int count)
    {
        var names = new string[count];
        for (int i = 0; i < count; i++)
        {
            names[i] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"ch{i}");
        }

        return names;
    }
}
