namespace EdgeRnn.Trainer.Tests.Evaluation.Detector;

/// <summary>Generated streams: a noisy sine (period 24 rows) with an optional level shift.</summary>
internal static class SyntheticSeries
{
    public static float[] Sine(int rows, int channels = 1, int anomalyStart = -1, int anomalyLength = 0, float shift = 0, ulong seed = 7)
    {
        var random = new Random((int)seed);
        var data = new float[rows * channels];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < channels; c++)
            {
                double v = Math.Sin((2 * Math.PI * r / 24) + c) + (0.05 * ((random.NextDouble() * 2) - 1));
                if (r >= anomalyStart && r < anomalyStart + anomalyLength)
                {
                    v += shift;
                }

                data[(r * channels) + c] = (float)v;
            }
        }

        return data;
    }
}
