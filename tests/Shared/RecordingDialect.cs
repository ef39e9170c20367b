using System.Globalization;
using System.Text;

namespace EdgeRnn.Testing;

/// <summary>How a dialect writes its timestamps; every style names the same instants.</summary>
internal enum TimeText
{
    /// <summary><c>2026-01-01 00:00:00.100000</c>: no zone, so UTC.</summary>
    ZoneLess,

    /// <summary><c>2026-01-01T00:00:00.100000Z</c>.</summary>
    Utc,

    /// <summary><c>2026-01-01T01:00:00.100000+01:00</c>: the same instant an hour ahead.</summary>
    PlusOneHour,

    /// <summary><c>1767225600.1</c>.</summary>
    UnixSeconds,
}

/// <summary>
/// One recording written in each dialect the recording contract (src/EdgeRnn.Recordings) reads, for the tests of every
/// command that reads recordings: each variant must read as the plain comma file does. Cells are <see cref="DateTime"/>
/// (UTC timestamps), numbers, or text.
/// </summary>
internal sealed record RecordingDialect
{
    /// <summary>The plain file: commas, a header, zone-less timestamps.</summary>
    public static readonly RecordingDialect Comma = new() { Name = "comma" };

    /// <summary>Every variant, by name.</summary>
    public static readonly IReadOnlyList<RecordingDialect> All =
    [
        Comma,
        new() { Name = "semicolon", Delimiter = ';', DecimalComma = true, Time = TimeText.Utc },
        new() { Name = "tab", Delimiter = '\t', DecimalComma = true, Time = TimeText.PlusOneHour },
        new() { Name = "quoted", Quoted = true, Time = TimeText.UnixSeconds },
        new() { Name = "quoted-semicolon", Delimiter = ';', DecimalComma = true, Quoted = true, Time = TimeText.PlusOneHour },
        new() { Name = "spreadsheet", Delimiter = ';', DecimalComma = true, Preamble = "\uFEFFsep=;\r\n# exported\r\n", LineEnd = "\r\n" },
        new() { Name = "headerless", Header = false },
    ];

    public required string Name { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>Numbers with a decimal comma (';' and tab files).</summary>
    public bool DecimalComma { get; init; }

    /// <summary>Every field in double quotes.</summary>
    public bool Quoted { get; init; }

    public bool Header { get; init; } = true;

    public TimeText Time { get; init; }

    /// <summary>Written before the header: a byte order mark, a <c>sep=</c> line, a comment.</summary>
    public string Preamble { get; init; } = string.Empty;

    public string LineEnd { get; init; } = "\n";

    /// <summary>A text that holds this dialect's delimiter, a quote and a line break, so it must be quoted.</summary>
    public string Note => $"say \"hi\"{Delimiter} then\nbye";

    public static RecordingDialect Named(string name) => All.Single(d => d.Name == name);

    public override string ToString() => Name;

    /// <summary>The recording's text.</summary>
    /// <param name="names">The column names.</param>
    /// <param name="rows">The rows' cells: <see cref="DateTime"/> (UTC), <see cref="double"/>, <see cref="float"/>, <see cref="int"/> or text.</param>
    public string Write(IReadOnlyList<string> names, IEnumerable<IReadOnlyList<object>> rows)
    {
        var text = new StringBuilder(Preamble);
        if (Header)
        {
            text.AppendJoin(Delimiter, names.Select(Field)).Append(LineEnd);
        }

        foreach (var row in rows)
        {
            text.AppendJoin(Delimiter, row.Select(Cell)).Append(LineEnd);
        }

        return text.ToString();
    }

    private string Cell(object cell) => cell switch
    {
        DateTime time => Field(Timestamp(time)),
        double number => Field(Number(number.ToString("R", CultureInfo.InvariantCulture))),
        float number => Field(Number(number.ToString("R", CultureInfo.InvariantCulture))),
        int number => Field(number.ToString(CultureInfo.InvariantCulture)),
        _ => Field(cell.ToString() ?? string.Empty),
    };

    private string Number(string text) => DecimalComma ? text.Replace('.', ',') : text;

    private string Timestamp(DateTime utc) => Time switch
    {
        TimeText.Utc => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        TimeText.PlusOneHour => utc.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+01:00'", CultureInfo.InvariantCulture),
        TimeText.UnixSeconds => ((decimal)(utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture),
        _ => utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    };

    private string Field(string text) =>
        Quoted || text.AsSpan().IndexOfAny([Delimiter, '"', '\n', '\r']) >= 0
            ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : text;
}
