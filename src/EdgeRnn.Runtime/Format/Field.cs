using System.Globalization;

namespace EdgeRnn.Runtime.Format;

/// <summary>
/// The name of a field for error messages, with an optional item index, formatted only when an error is raised, so that
/// reading a list of many small items allocates nothing for their names.
/// </summary>
/// <param name="Name">What the field is, e.g. "feature name".</param>
/// <param name="Index">The item index, or −1 for a single field.</param>
internal readonly record struct Field(string Name, int Index = -1)
{
    public static implicit operator Field(string name) => new(name);

    public override string ToString() => Index < 0 ? Name : string.Create(CultureInfo.InvariantCulture, $"{Name} {Index}");
}
