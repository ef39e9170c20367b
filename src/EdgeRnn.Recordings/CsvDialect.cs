namespace EdgeRnn.Recordings;

/// <summary>
/// How the fields of a recording are separated: ',', ';' or a tab. Every reader picks it by the same rule
/// (<see cref="Detect"/>, or a spreadsheet's <c>sep=;</c> line, <see cref="TryParseDeclaration"/>), and in ';' and tab
/// files a number may be written with a decimal comma (<c>1,5</c>, as European spreadsheets write it).
/// </summary>
public readonly record struct CsvDialect
{
    // 0 stands for ',' so that default(CsvDialect) is the comma dialect.
    private readonly byte _delimiter;

    private CsvDialect(byte delimiter) => _delimiter = delimiter == (byte)',' ? (byte)0 : delimiter;

    /// <summary>Comma-separated values.</summary>
    public static CsvDialect Comma => default;

    /// <summary>Semicolon-separated values (decimal commas allowed).</summary>
    public static CsvDialect Semicolon => new((byte)';');

    /// <summary>Tab-separated values (decimal commas allowed).</summary>
    public static CsvDialect Tab => new((byte)'\t');

    /// <summary>The delimiter: <c>','</c>, <c>';'</c> or <c>'\t'</c>.</summary>
    public byte Delimiter => _delimiter == 0 ? (byte)',' : _delimiter;

    /// <summary>Whether a number may use a comma as its decimal separator (';' and tab files).</summary>
    public bool AllowsDecimalComma => _delimiter != 0;

    /// <summary>The dialect of a delimiter.</summary>
    /// <param name="delimiter">',', ';' or '\t'.</param>
    /// <param name="dialect">The dialect.</param>
    /// <returns>False for any other character.</returns>
    public static bool TryFromDelimiter(char delimiter, out CsvDialect dialect)
    {
        dialect = delimiter switch
        {
            ',' => Comma,
            ';' => Semicolon,
            '\t' => Tab,
            _ => default,
        };
        return delimiter is ',' or ';' or '\t';
    }

    /// <summary>
    /// The one delimiter rule, applied to a recording's first record (its header, or its first data line when it has
    /// none), counting outside double quotes: ';' when the record has one and no more tabs than semicolons; else a tab
    /// when it has more tabs than commas; else ','. A comma in a ';' or tab file is a decimal comma or text, so a
    /// headerless <c>1,5;2,5</c> is ';'.
    /// </summary>
    /// <param name="firstRecord">The first record's UTF-8 bytes.</param>
    /// <returns>The dialect; <see cref="Comma"/> for a single-column file.</returns>
    public static CsvDialect Detect(ReadOnlySpan<byte> firstRecord)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        foreach (byte b in firstRecord)
        {
            switch (b)
            {
                case (byte)'"': quoted = !quoted; break;
                case (byte)',' when !quoted: commas++; break;
                case (byte)';' when !quoted: semicolons++; break;
                case (byte)'\t' when !quoted: tabs++; break;
            }
        }

        if (semicolons > 0 && tabs <= semicolons)
        {
            return Semicolon;
        }

        return tabs > commas ? Tab : Comma;
    }

    /// <summary>Reads a spreadsheet's declaration line, <c>sep=;</c> (any case, before the header).</summary>
    /// <param name="line">A record's UTF-8 bytes.</param>
    /// <param name="dialect">The declared dialect.</param>
    /// <returns>True when the line is <c>sep=</c> followed by ',', ';' or a tab and nothing else.</returns>
    public static bool TryParseDeclaration(ReadOnlySpan<byte> line, out CsvDialect dialect)
    {
        line = line.TrimEnd(" \r"u8);
        dialect = default;
        return line.Length == 5 && System.Text.Ascii.EqualsIgnoreCase(line[..4], "sep="u8)
            && TryFromDelimiter((char)line[4], out dialect);
    }

    /// <inheritdoc/>
    public override string ToString() => Delimiter == (byte)'\t' ? "tab" : ((char)Delimiter).ToString();
}
