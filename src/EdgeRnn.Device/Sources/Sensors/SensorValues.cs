using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace EdgeRnn.Device.Sources.Sensors;

/// <summary>The check every <see cref="ISensor.Read"/> makes of its destination, in one place.</summary>
internal static class SensorValues
{
    /// <summary>Throws unless <paramref name="values"/> holds at least <paramref name="channelCount"/> values.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is shorter.</exception>
    public static void CheckLength(Span<float> values, int channelCount, [CallerArgumentExpression(nameof(values))] string? name = null)
    {
        if (values.Length < channelCount)
        {
            ThrowTooShort(channelCount, values.Length, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowTooShort(int expected, int found, string? name) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"expected at least {expected} values, got {found}"), name);
}
