using System.Text;

namespace EdgeRnn.Training.Data;

/// <summary>
/// Reads delimited records with RFC 4180 quoting: a field in double quotes may hold the delimiter, line breaks and doubled
/// quotes (<c>""</c>). Spaces around unquoted fields are kept (number parsing ignores them); blank lines are skipped.
/// Every record carries the 1-based line on which it starts.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private int _nextLine;

    /// <summary>Creates a reader.</summary>
    /// <param name="reader">The text, positioned at the start of a record.</param>
    /// <param name="delimiter">The field delimiter.</param>
    /// <param name="firstLine">The 1-based line number of the reader's first line.</param>
    public CsvRecordReader(TextReader reader, char delimiter, int firstLine = 1)
    {
        _reader = reader;
        Delimiter = delimiter;
        _nextLine = firstLine;
    }

    /// <summary>The field delimiter.</summary>
    public char Delimiter { get; }

    /// <summary>The 1-based line of the record last read.</summary>
    public int Line { get; private set; }

    /// <summary>Picks the delimiter of a header line: the most frequent of comma, semicolon and tab outside quotes.</summary>
    /// <param name="headerLine">The first line of the file.</param>
    /// <returns>',' (also when none occurs, a single-column file), ';' or '\t'.</returns>
    public static char DetectDelimiter(string headerLine)
    {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        bool quoted = false;
        foreach (char c in headerLine)
        {
            switch (c)
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: commas++; break;
                case ';' when !quoted: semicolons++; break;
                case '\t' when !quoted: tabs++; break;
            }
        }

        if (tabs > commas && tabs > semicolons)
        {
            return '\t';
        }

        return semicolons > commas ? ';' : ',';
    }

    /// <summary>Reads the next non-blank record.</summary>
    /// <param name="fields">Cleared, then filled with the record's fields.</param>
    /// <param name="filePath">Named in the error for an unterminated quote.</param>
    /// <returns>False at the end of the text.</returns>
    /// <exception cref="RecordingException">A quoted field is not closed before the end of the file.</exception>
    public bool TryRead(List<string> fields, string filePath)
    {
        fields.Clear();
        string? line;
        do
        {
            line = _reader.ReadLine();
            Line = _nextLine++;
            if (line is null)
            {
                return false;
            }
        }
        while (string.IsNullOrWhiteSpace(line));

        _field.Clear();
        bool quoted = false;
        while (true)
        {
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        _field.Append(c);
                    }
                    else if (i + 1 < line.Length && line[i + 1] == '"')
                    {
                        _field.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == Delimiter)
                {
                    fields.Add(_field.ToString());
                    _field.Clear();
                }
                else if (c == '"' && IsBlank(_field))
                {
                    _field.Clear();
                    quoted = true;
                }
                else
                {
                    _field.Append(c);
                }
            }

            if (!quoted)
            {
                fields.Add(_field.ToString());
                return true;
            }

            // A line break inside quotes belongs to the field.
            line = _reader.ReadLine() ?? throw new RecordingException(filePath, Line, "Expected a closing quote (\") for a quoted field; found the end of the file.");
            _nextLine++;
            _field.Append('\n');
        }
    }

    private static bool IsBlank(StringBuilder field)
    {
        for (int i = 0; i < field.Length; i++)
        {
            if (!char.IsWhiteSpace(field[i]))
            {
                return false;
            }
        }

        return true;
    }
}
