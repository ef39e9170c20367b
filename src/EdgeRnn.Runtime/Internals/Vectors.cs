namespace EdgeRnn.Runtime;

/// <summary>Argument checks shared by the model types.</summary>
internal static class Vectors
{
    public static void CheckFinite(ReadOnlySpan<float> values, int expectedLength, string name)
    {
        if (values.Length != expectedLength)
        {
            throw new ArgumentException($"Expected {expectedLength} values; found {values.Length}.", name);
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                throw new ArgumentException($"Expected finite values; found {values[i]} at index {i}.", name);
            }
        }
    }
}
