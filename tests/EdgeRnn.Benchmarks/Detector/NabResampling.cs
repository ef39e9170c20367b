using EdgeRnn.Training.Evaluation.Nab;

namespace EdgeRnn.Benchmarks.Detector;

/// <summary>
/// A NAB file at a coarser rate: each run of <c>factor</c> rows becomes one row (their mean value, the first one's
/// timestamp), and each window keeps the rows that hold its bounds. Checks that the detector's settings carry across
/// sampling rates on the files we have, without looking at any other file.
/// </summary>
internal static class NabResampling
{
    public static NabCorpusFile Coarser(NabCorpusFile file, int factor)
    {
        var t = file.Data.Timestamps;
        var v = file.Data.Values;
        int rows = t.Length / factor;
        var timestamps = new DateTime[rows];
        var values = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            timestamps[r] = t[r * factor];
            double sum = 0;
            for (int k = 0; k < factor; k++)
            {
                sum += v[(r * factor) + k];
            }

            values[r] = sum / factor;
        }

        var windows = new List<NabWindow>();
        foreach (var w in file.Windows)
        {
            int start = Array.IndexOf(t, w.Start) / factor;
            int end = Math.Min(Array.IndexOf(t, w.End) / factor, rows - 1);
            if (start < rows && (windows.Count == 0 || timestamps[start] > windows[^1].End))
            {
                windows.Add(new NabWindow(timestamps[start], timestamps[Math.Max(start, end)]));
            }
        }

        return new NabCorpusFile(file.Key, file.Data with { Timestamps = timestamps, Values = values }, windows);
    }

    /// <summary>
    /// The same rows with the time between them stretched <c>factor</c> times (5-minute rows become 30-minute rows):
    /// a file at another sampling period with as many rows, as the held-back files at other periods are, where
    /// <see cref="Coarser"/> also makes the file shorter.
    /// </summary>
    public static NabCorpusFile Stretched(NabCorpusFile file, double factor)
    {
        var t = file.Data.Timestamps;
        DateTime Map(DateTime time) => t[0] + ((time - t[0]) * factor);
        var timestamps = Array.ConvertAll(t, Map);
        var windows = file.Windows.Select(w => new NabWindow(Map(w.Start), Map(w.End))).ToList();
        return new NabCorpusFile(file.Key, file.Data with { Timestamps = timestamps }, windows);
    }
}
