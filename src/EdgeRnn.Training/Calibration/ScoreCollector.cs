using EdgeRnn.Runtime;
using EdgeRnn.Runtime.Model;

namespace EdgeRnn.Training.Calibration;

/// <summary>Runs the runtime's <see cref="AnomalyDetector"/> over streams and keeps every step's score (0 while warming up).</summary>
internal static class ScoreCollector
{
    /// <summary>Scores each stream with a fresh detector state.</summary>
    /// <param name="model">A forecasting model.</param>
    /// <param name="scoring">Enabled scoring parameters (the threshold does not matter).</param>
    /// <param name="streams">Raw streams, steps × inputs.</param>
    /// <returns>Per stream, one score per step.</returns>
    public static IReadOnlyList<float[]> Collect(RnnModel model, ScoringParameters scoring, IReadOnlyList<float[]> streams)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(streams);
        var detector = new AnomalyDetector(model, scoring);
        int width = model.InputSize;
        var result = new List<float[]>(streams.Count);
        foreach (float[] stream in streams)
        {
            detector.Reset();
            var scores = new float[stream.Length / width];
            for (int t = 0; t < scores.Length; t++)
            {
                var score = detector.Process(stream.AsSpan(t * width, width));
                scores[t] = score.IsWarm ? score.Score : 0f;
            }

            result.Add(scores);
        }

        return result;
    }
}
