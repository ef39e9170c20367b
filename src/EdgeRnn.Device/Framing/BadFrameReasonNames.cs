using System.Text;

namespace EdgeRnn.Device.Framing;

/// <summary>Names of <see cref="BadFrameReason"/> values as they appear in logs and metric labels (snake_case).</summary>
internal static class BadFrameReasonNames
{
    private static readonly string[] Names = Enum.GetValues<BadFrameReason>().Select(r => SnakeCase(r.ToString())).ToArray();

    /// <summary>Every reason, in enum order.</summary>
    public static IReadOnlyList<BadFrameReason> All { get; } = Enum.GetValues<BadFrameReason>();

    /// <summary>The snake_case name: <c>wrong_field_count</c>, <c>not_a_number</c>, <c>crc_mismatch</c>, …</summary>
    /// <param name="reason">The reason.</param>
    /// <returns>The cached name (no allocation).</returns>
    public static string WireName(this BadFrameReason reason) => Names[(int)reason];

    private static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
