using System.Text;
using System.Text.RegularExpressions;

namespace EdgeRnn.Runtime.Tests.Layering;

/// <summary>One source file of the runtime: its folder (= its layer), the types it declares and the names its code uses.</summary>
internal sealed record SourceFile(string Path, string Folder, string Namespace, IReadOnlySet<string> Declared, IReadOnlySet<string> Names, IReadOnlyList<string> Usings);

/// <summary>
/// Reads <c>src/EdgeRnn.Runtime</c>'s C# files with comments, strings and character literals blanked out, so that a
/// type name counts only where code uses it (a name in an XML doc comment or a message does not). A name used only inside
/// an interpolated string's hole is not seen.
/// </summary>
internal static partial class RuntimeSources
{
    public static IReadOnlyList<SourceFile> Load()
    {
        string root = SourceTree.FindUp(System.IO.Path.Combine("src", "EdgeRnn.Runtime"));
        var files = new List<SourceFile>();
        foreach (string path in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = System.IO.Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.StartsWith("obj/", StringComparison.Ordinal) || relative.StartsWith("bin/", StringComparison.Ordinal))
            {
                continue;
            }

            string code = CodeOnly(File.ReadAllText(path));
            int slash = relative.LastIndexOf('/');
            files.Add(new SourceFile(
                relative,
                slash < 0 ? "" : relative[..slash],
                NamespaceDeclaration().Match(code).Groups[1].Value,
                TypeDeclaration().Matches(code).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal),
                Identifier().Matches(code).Select(m => m.Value).ToHashSet(StringComparer.Ordinal),
                [.. UsingDirective().Matches(code).Select(m => m.Groups[1].Value)]));
        }

        return files;
    }

    /// <summary>The text with every comment, string literal (regular, verbatim, interpolated, raw) and char literal replaced by spaces.</summary>
    public static string CodeOnly(string text)
    {
        var code = new StringBuilder(text.Length);
        int i = 0;
        while (i < text.Length)
        {
            int end = SkipNonCode(text, i);
            if (end == i)
            {
                code.Append(text[i]);
                i++;
            }
            else
            {
                code.Append(' ', end - i);
                i = end;
            }
        }

        return code.ToString();
    }

    /// <summary>Where the comment or literal that starts at <paramref name="i"/> ends; <paramref name="i"/> when none starts there.</summary>
    private static int SkipNonCode(string text, int i)
    {
        char c = text[i];
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (c == '/' && next == '/')
        {
            int newline = text.IndexOf('\n', i);
            return newline < 0 ? text.Length : newline;
        }

        if (c == '/' && next == '*')
        {
            int close = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + 2;
        }

        if (c == '\'')
        {
            int j = i + 1;
            while (j < text.Length && text[j] != '\'')
            {
                j += text[j] == '\\' ? 2 : 1;
            }

            return Math.Min(j + 1, text.Length);
        }

        int start = i;
        bool verbatim = false;
        while (i < text.Length && (text[i] == '$' || text[i] == '@'))
        {
            verbatim |= text[i] == '@';
            i++;
        }

        if (i >= text.Length || text[i] != '"')
        {
            return start;
        }

        if (text.AsSpan(i).StartsWith("\"\"\""))
        {
            int quotes = 0;
            while (i + quotes < text.Length && text[i + quotes] == '"')
            {
                quotes++;
            }

            int close = text.IndexOf(new string('"', quotes), i + quotes, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + quotes;
        }

        int k = i + 1;
        while (k < text.Length)
        {
            if (verbatim && text[k] == '"' && k + 1 < text.Length && text[k + 1] == '"')
            {
                k += 2;
            }
            else if (!verbatim && text[k] == '\\')
            {
                k += 2;
            }
            else if (text[k] == '"')
            {
                return k + 1;
            }
            else
            {
                k++;
            }
        }

        return text.Length;
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|struct|enum|interface|record|delegate\s+[\w<>\[\]?,\s]+?)\s+(?!class\b|struct\b)([A-Z]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"\b[A-Za-z_]\w*\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
