namespace EdgeRnn.Runtime;

public sealed partial class AnomalyDetector
{
    /// <summary>
    /// A reconstruct model's error: per target channel k the mean over the n = min(samples, T) rows of the window of
    /// ((x_k − ŷ_k)/σ_k)², row r back from the newest against output row r + 1, finite samples only; e = the mean over
    /// the channels with one.
    /// </summary>
    private double WindowError()
    {
        var window = _window!;
        var outputs = window.Outputs;
        int width = _targets.Length;
        double sum = 0;
        int used = 0;
        for (int k = 0; k < width; k++)
        {
            double channel = 0;
            int rows = 0;
            for (int r = 0; r < window.Count; r++)
            {
                float x = window.Row(r)[_targets[k]];
                if (float.IsFinite(x))
                {
                    double z = (x - outputs[(r * width) + k]) / _errorStd[k];
                    channel += z * z;
                    rows++;
                }
            }

            _contributions[k] = rows == 0 ? 0f : (float)(channel / rows);
            if (rows > 0)
            {
                sum += channel / rows;
                used++;
            }
        }

        return used == 0 ? double.NaN : sum / used;
    }
}
