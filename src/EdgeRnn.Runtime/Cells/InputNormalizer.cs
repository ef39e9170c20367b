namespace EdgeRnn.Runtime.Cells;

/// <summary>z = clamp((x − mean) / std, ±<see cref="RnnState.InputClamp"/>), holding each channel's last finite value in place of NaN or ±∞.</summary>
internal static class InputNormalizer
{
    public static void Normalize(ReadOnlySpan<float> input, Span<float> lastInput, ReadOnlySpan<float> mean, ReadOnlySpan<float> std, Span<float> normalized)
    {
        for (int i = 0; i < input.Length; i++)
        {
            float v = input[i];
            if (float.IsFinite(v))
            {
                lastInput[i] = v;
            }
            else
            {
                v = lastInput[i];
            }

            normalized[i] = Math.Clamp((v - mean[i]) / std[i], -RnnState.InputClamp, RnnState.InputClamp);
        }
    }
}
