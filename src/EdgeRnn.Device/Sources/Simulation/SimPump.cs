using System.Globalization;
using System.Text;

namespace EdgeRnn.Device.Sources.Simulation;

/// <summary>Exports the simulated pump as a CSV recording for training and replay.</summary>
internal static class SimPump
{
    /// <summary>The time of sample 0 in exported recordings: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Writes <c>timestamp,vibration_rms,temperature,motor_current,label</c> rows: ISO 8601 UTC timestamps from
    /// <see cref="Epoch"/> at 1/rate steps, values with 5 significant decimals ("NaN" for dropouts), label 1 where a fault
    /// is injected, else 0. Gap faults leave rows out. The same arguments always write the same bytes.
    /// </summary>
    /// <param name="path">The file to create or overwrite.</param>
    /// <param name="count">Sample indices to generate, 1 or more.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="faults">Faults to inject.</param>
    /// <param name="rate">Samples per second, above 0.</param>
    /// <returns>The rows written (without the header).</returns>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static long WriteCsv(string path, long count, ulong seed, IReadOnlyList<PumpFault> faults, double rate = 100)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var model = new PumpModel(seed, rate, faults);
        Span<float> values = stackalloc float[PumpModel.Channels];
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("timestamp," + string.Join(',', PumpModel.ChannelNames) + ",label");
        long rows = 0;
        var line = new StringBuilder();
        for (long index = 0; index < count; index++)
        {
            if (!model.Step(values, out bool anomalous))
            {
                continue;
            }

            line.Clear();
            DateTime time = Epoch.AddTicks((long)Math.Round(index * TimeSpan.TicksPerSecond / rate));
            line.Append(time.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            foreach (float value in values)
            {
                line.Append(',').Append(value.ToString("0.#####", CultureInfo.InvariantCulture));
            }

            line.Append(anomalous ? ",1" : ",0");
            writer.WriteLine(line);
            rows++;
        }

        return rows;
    }
}
