using System.Globalization;
using System.Text;
using System.Xml;

namespace EdgeRnn.Training.Evaluation.Report;

/// <summary>
/// Draws a <see cref="ReportPanel"/> as one inline SVG element: the signal above, the score below with the threshold
/// as a dashed line, the labelled windows as shaded bands across both, the probationary period in grey and the alarms
/// as red ticks, and any change points as purple ticks across the score. Long series are reduced to the minimum and
/// maximum of each pixel column, so a file of any length gives a drawing of bounded size.
/// </summary>
internal static class SvgPanelRenderer
{
    public const string SvgNamespace = "http://www.w3.org/2000/svg";

    private const double Margin = 8;

    public static void Render(XmlWriter writer, ReportPanel panel, int width = 1000, int height = 260)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(panel);
        int rows = Math.Max(panel.Signal.Count, panel.Scores.Count);
        double plotWidth = width - (2 * Margin);
        double signalTop = Margin;
        double signalBottom = height * 0.55;
        double scoreTop = (height * 0.55) + 14;
        double scoreBottom = height - Margin;
        double X(double row) => Margin + (rows <= 1 ? 0 : row * plotWidth / (rows - 1));

        writer.WriteStartElement("svg", SvgNamespace);
        writer.WriteAttributeString("width", Text(width));
        writer.WriteAttributeString("height", Text(height));
        writer.WriteAttributeString("viewBox", $"0 0 {Text(width)} {Text(height)}");
        writer.WriteAttributeString("role", "img");
        writer.WriteElementString("title", SvgNamespace, panel.Title);

        Rect(writer, Margin, signalTop, plotWidth, scoreBottom - signalTop, "#ffffff", "frame");
        if (panel.ProbationLength > 0 && rows > 0)
        {
            Rect(writer, X(0), signalTop, X(Math.Min(panel.ProbationLength, rows - 1)) - X(0), scoreBottom - signalTop, "#e8e8e8", "probation");
        }

        foreach (var (start, end) in panel.Windows)
        {
            double left = X(start);
            Rect(writer, left, signalTop, Math.Max(1, X(end) - left), scoreBottom - signalTop, "#f4b6c2", "window");
        }

        Polyline(writer, panel.Signal, signalTop, signalBottom, X, plotWidth, "#1f77b4", "signal");
        var (low, high) = Range(panel.Scores);
        low = Math.Min(low, 0);
        high = Math.Max(high, 1);
        Polyline(writer, panel.Scores, scoreTop, scoreBottom, X, plotWidth, "#555555", "score", low, high);

        double thresholdY = Y(panel.Threshold, low, high, scoreTop, scoreBottom);
        writer.WriteStartElement("line", SvgNamespace);
        writer.WriteAttributeString("class", "threshold");
        Attributes(writer, ("x1", Margin), ("y1", thresholdY), ("x2", Margin + plotWidth), ("y2", thresholdY));
        writer.WriteAttributeString("stroke", "#d62728");
        writer.WriteAttributeString("stroke-dasharray", "6 3");
        writer.WriteElementString("title", SvgNamespace, "threshold " + panel.Threshold.ToString("G6", CultureInfo.InvariantCulture));
        writer.WriteEndElement();

        Ticks(writer, panel.Alarms(), X, signalBottom, scoreTop, "#d62728", "alarms", "alarms");
        if (panel.Changepoints is { } changepoints)
        {
            Ticks(writer, changepoints, X, scoreTop, scoreBottom, "#9467bd", "changepoints", "change points");
        }

        writer.WriteEndElement();
    }

    private static void Ticks(XmlWriter writer, IEnumerable<int> rows, Func<double, double> x, double top, double bottom, string colour, string cssClass, string noun)
    {
        var path = new StringBuilder();
        int count = 0;
        double lastX = double.NegativeInfinity;
        foreach (int row in rows)
        {
            count++;
            double ax = Math.Round(x(row), 1);
            if (ax - lastX < 1)
            {
                continue;
            }

            lastX = ax;
            path.Append(CultureInfo.InvariantCulture, $"M{Text(ax)} {Text(top)}V{Text(bottom)}");
        }

        writer.WriteStartElement("path", SvgNamespace);
        writer.WriteAttributeString("class", cssClass);
        writer.WriteAttributeString("d", path.Length == 0 ? "M0 0" : path.ToString());
        writer.WriteAttributeString("stroke", colour);
        writer.WriteAttributeString("stroke-width", "1.5");
        writer.WriteElementString("title", SvgNamespace, $"{count} {noun}");
        writer.WriteEndElement();
    }

    private static void Polyline(XmlWriter writer, IReadOnlyList<double> values, double top, double bottom, Func<double, double> x, double plotWidth, string colour, string cssClass, double? low = null, double? high = null)
    {
        var (min, max) = Range(values);
        min = low ?? min;
        max = high ?? max;
        var points = new StringBuilder();
        int columns = Math.Max(1, (int)plotWidth);
        int perColumn = Math.Max(1, (int)Math.Ceiling(values.Count / (double)columns));
        for (int from = 0; from < values.Count; from += perColumn)
        {
            int to = Math.Min(values.Count, from + perColumn);
            double columnMin = double.PositiveInfinity;
            double columnMax = double.NegativeInfinity;
            int minRow = from, maxRow = from;
            for (int i = from; i < to; i++)
            {
                double v = values[i];
                if (double.IsNaN(v))
                {
                    continue;
                }

                if (v < columnMin)
                {
                    columnMin = v;
                    minRow = i;
                }

                if (v > columnMax)
                {
                    columnMax = v;
                    maxRow = i;
                }
            }

            if (double.IsInfinity(columnMin))
            {
                continue;
            }

            // Both extremes of the column, in row order, so that spikes survive the reduction.
            bool minFirst = minRow <= maxRow;
            AppendPoint(points, x(minFirst ? minRow : maxRow), Y(minFirst ? columnMin : columnMax, min, max, top, bottom));
            AppendPoint(points, x(minFirst ? maxRow : minRow), Y(minFirst ? columnMax : columnMin, min, max, top, bottom));
        }

        writer.WriteStartElement("polyline", SvgNamespace);
        writer.WriteAttributeString("class", cssClass);
        writer.WriteAttributeString("points", points.ToString().TrimEnd());
        writer.WriteAttributeString("fill", "none");
        writer.WriteAttributeString("stroke", colour);
        writer.WriteAttributeString("stroke-width", "1");
        writer.WriteEndElement();
    }

    private static void AppendPoint(StringBuilder points, double x, double y) =>
        points.Append(Text(Math.Round(x, 1))).Append(',').Append(Text(Math.Round(y, 1))).Append(' ');

    private static void Rect(XmlWriter writer, double x, double y, double width, double height, string fill, string cssClass)
    {
        writer.WriteStartElement("rect", SvgNamespace);
        writer.WriteAttributeString("class", cssClass);
        Attributes(writer, ("x", x), ("y", y), ("width", width), ("height", height));
        writer.WriteAttributeString("fill", fill);
        if (cssClass == "frame")
        {
            writer.WriteAttributeString("stroke", "#cccccc");
        }

        writer.WriteEndElement();
    }

    private static void Attributes(XmlWriter writer, params (string Name, double Value)[] attributes)
    {
        foreach (var (name, value) in attributes)
        {
            writer.WriteAttributeString(name, Text(Math.Round(value, 1)));
        }
    }

    private static (double Min, double Max) Range(IReadOnlyList<double> values)
    {
        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && !double.IsInfinity(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        return double.IsInfinity(min) ? (0, 1) : (min, max);
    }

    private static double Y(double value, double min, double max, double top, double bottom)
    {
        double span = max - min;
        double t = span > 0 ? (Math.Clamp(value, min, max) - min) / span : 0.5;
        return bottom - (t * (bottom - top));
    }

    private static string Text(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
