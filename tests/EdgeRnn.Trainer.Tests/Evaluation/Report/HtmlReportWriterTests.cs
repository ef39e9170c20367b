using System.Xml;
using System.Xml.Linq;
using EdgeRnn.Training.Evaluation.Report;

namespace EdgeRnn.Trainer.Tests.Evaluation.Report;

public sealed class HtmlReportWriterTests
{
    private static readonly XNamespace Xhtml = HtmlReportWriter.XhtmlNamespace;
    private static readonly XNamespace Svg = SvgPanelRenderer.SvgNamespace;

    private static ReportPanel Panel(string title, int rows, double threshold, params (int Start, int End)[] windows)
    {
        var signal = Enumerable.Range(0, rows).Select(i => Math.Sin(i * 0.1)).ToArray();
        var scores = Enumerable.Range(0, rows).Select(i => i % 50 == 0 ? 0.95 : 0.1).ToArray();
        return new ReportPanel(title, signal, scores, threshold, windows, ProbationLength: rows / 10, Summary: "raw 1.0");
    }

    private static XDocument Render(params ReportPanel[] panels)
    {
        var text = new StringWriter();
        HtmlReportWriter.Write(text, "EdgeRnn report", ["NAB standard 71.4"], panels);
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore };
        using var reader = XmlReader.Create(new StringReader(text.ToString()), settings);
        return XDocument.Load(reader);
    }

    [Fact]
    public void Write_ThreeFiles_IsWellFormedWithOnePanelAndOneSvgPerFile()
    {
        var document = Render(Panel("a.csv", 500, 0.5, (100, 120)), Panel("b.csv", 20000, 0.5), Panel("c.csv", 3, 0.5));

        var sections = document.Descendants(Xhtml + "section").ToList();
        Assert.Equal(3, sections.Count);
        Assert.All(sections, s => Assert.Single(s.Elements(Svg + "svg")));
        Assert.Equal(["a.csv", "b.csv", "c.csv"], sections.Select(s => s.Element(Xhtml + "h2")!.Value));
    }

    [Fact]
    public void Write_Panel_DrawsWindowsThresholdAndAlarms()
    {
        var panel = Panel("a.csv", 500, 0.5, (100, 120), (300, 340));

        var svg = Render(panel).Descendants(Svg + "svg").Single();

        Assert.Equal(2, svg.Elements(Svg + "rect").Count(r => (string?)r.Attribute("class") == "window"));
        Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "threshold");
        var alarms = svg.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "alarms");
        Assert.Equal($"{panel.Alarms().Count()} alarms", alarms.Element(Svg + "title")!.Value);
        Assert.Equal(9, panel.Alarms().Count());
    }

    [Fact]
    public void Write_PanelWithChangepoints_DrawsOneTickPerChangepoint()
    {
        var panel = Panel("a.csv", 500, 0.5, (100, 120)) with { Changepoints = [110, 250, 400] };

        var svg = Render(panel).Descendants(Svg + "svg").Single();

        var ticks = svg.Elements(Svg + "path").Single(p => (string?)p.Attribute("class") == "changepoints");
        Assert.Equal("3 change points", ticks.Element(Svg + "title")!.Value);
        Assert.Equal(3, ticks.Attribute("d")!.Value.Count(c => c == 'M'));
    }

    [Fact]
    public void Write_PanelWithoutChangepoints_DrawsNoChangepointTicks()
    {
        var svg = Render(Panel("a.csv", 500, 0.5)).Descendants(Svg + "svg").Single();

        Assert.DoesNotContain(svg.Elements(Svg + "path"), p => (string?)p.Attribute("class") == "changepoints");
    }

    [Fact]
    public void Write_LongFile_KeepsThePolylineBounded()
    {
        var svg = Render(Panel("long.csv", 200_000, 0.5)).Descendants(Svg + "svg").Single();

        var points = svg.Elements(Svg + "polyline").Single(p => (string?)p.Attribute("class") == "signal").Attribute("points")!.Value.Split(' ');
        Assert.InRange(points.Length, 100, 2 * 1000);
    }

    [Fact]
    public void Write_TitleWithMarkup_IsEscapedAndNothingIsLoadedFromTheNetwork()
    {
        var text = new StringWriter();
        HtmlReportWriter.Write(text, "a < b & c", [], [Panel("x<y>&z.csv", 100, 0.5)]);

        var html = text.ToString();
        Assert.Contains("x&lt;y&gt;&amp;z.csv", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }
}
