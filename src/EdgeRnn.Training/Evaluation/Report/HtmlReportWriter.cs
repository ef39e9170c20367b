using System.Text;
using System.Xml;

namespace EdgeRnn.Training.Evaluation.Report;

/// <summary>
/// Writes a self-contained report: one XHTML file (well-formed XML, no script, no stylesheet or font from the network)
/// with a summary and, per file, a section holding its title, its figures and an inline SVG panel.
/// </summary>
internal static class HtmlReportWriter
{
    public const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private const string Style =
        "body{font-family:sans-serif;margin:16px;color:#222}section{margin:18px 0}h2{font-size:15px;margin:4px 0}"
        + "p{margin:2px 0;font-size:13px}pre{font-size:12px;background:#f6f6f6;padding:8px}"
        + ".legend span{margin-right:14px}";

    public static void Write(string path, string title, IReadOnlyList<string> summary, IReadOnlyList<ReportPanel> panels)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = File.Create(path);
        using var writer = new StreamWriter(stream, new UTF8Encoding(false));
        Write(writer, title, summary, panels);
    }

    public static void Write(TextWriter output, string title, IReadOnlyList<string> summary, IReadOnlyList<ReportPanel> panels)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(panels);
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false, NewLineChars = "\n" };
        using var writer = XmlWriter.Create(output, settings);
        writer.WriteDocType("html", null, null, null);
        writer.WriteStartElement("html", XhtmlNamespace);
        writer.WriteStartElement("head", XhtmlNamespace);
        writer.WriteStartElement("meta", XhtmlNamespace);
        writer.WriteAttributeString("charset", "utf-8");
        writer.WriteEndElement();
        writer.WriteElementString("title", XhtmlNamespace, title);
        writer.WriteElementString("style", XhtmlNamespace, Style);
        writer.WriteEndElement();

        writer.WriteStartElement("body", XhtmlNamespace);
        writer.WriteElementString("h1", XhtmlNamespace, title);
        if (summary.Count > 0)
        {
            writer.WriteElementString("pre", XhtmlNamespace, string.Join('\n', summary));
        }

        writer.WriteStartElement("p", XhtmlNamespace);
        writer.WriteAttributeString("class", "legend");
        writer.WriteElementString("span", XhtmlNamespace, "blue: signal");
        writer.WriteElementString("span", XhtmlNamespace, "grey line: score");
        writer.WriteElementString("span", XhtmlNamespace, "dashed red: threshold");
        writer.WriteElementString("span", XhtmlNamespace, "red ticks: alarms");
        writer.WriteElementString("span", XhtmlNamespace, "pink bands: labelled windows");
        writer.WriteElementString("span", XhtmlNamespace, "grey band: probationary period");
        writer.WriteEndElement();

        foreach (var panel in panels)
        {
            writer.WriteStartElement("section", XhtmlNamespace);
            writer.WriteAttributeString("class", "panel");
            writer.WriteElementString("h2", XhtmlNamespace, panel.Title);
            if (panel.Summary is not null)
            {
                writer.WriteElementString("p", XhtmlNamespace, panel.Summary);
            }

            SvgPanelRenderer.Render(writer, panel);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
