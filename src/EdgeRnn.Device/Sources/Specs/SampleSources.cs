using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Sources.Specs;

/// <summary>Opens the <see cref="ISampleSource"/> a <see cref="SourceSpec"/> describes.</summary>
internal static class SampleSources
{
    /// <summary>Creates and starts the source of <paramref name="spec"/>.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="options">The source settings.</param>
    /// <param name="openSensor">Opens i2c: and iio: specs (the Sensors code); null when hardware sources are unavailable.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started source; the caller disposes it.</returns>
    /// <exception cref="NotSupportedException">An i2c: or iio: spec without <paramref name="openSensor"/>.</exception>
    /// <exception cref="IOException">A file cannot be opened.</exception>
    public static async ValueTask<ISampleSource> OpenAsync(
        SourceSpec spec,
        SourceOptions options,
        Func<SourceSpec, SourceOptions, ISampleSource>? openSensor,
        CancellationToken cancellationToken)
    {
        ISampleSource source = Create(spec, options, openSensor);
        try
        {
            await source.StartAsync(cancellationToken).ConfigureAwait(false);
            return source;
        }
        catch
        {
            await source.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates the source of <paramref name="spec"/> without starting it.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="options">The source settings.</param>
    /// <param name="openSensor">Opens i2c: and iio: specs (the Sensors code); null when hardware sources are unavailable.</param>
    /// <returns>The source, not started.</returns>
    /// <exception cref="NotSupportedException">An i2c: or iio: spec without <paramref name="openSensor"/>.</exception>
    public static ISampleSource Create(
        SourceSpec spec, SourceOptions options, Func<SourceSpec, SourceOptions, ISampleSource>? openSensor)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        return spec switch
        {
            CsvFileSourceSpec csv => new StreamSampleSource(csv.Text, () => OpenFile(csv.Path), replay: true, options),
            StdinSourceSpec stdin => new StreamSampleSource(stdin.Text, Console.OpenStandardInput, replay: false, options),
            TcpSourceSpec tcp => new TcpSampleSource(tcp.Text, tcp.EndPoint, tcp.Format, options),
            UdpSourceSpec udp => new UdpSampleSource(udp.Text, udp.EndPoint, udp.Format, options),
            SimSourceSpec sim => new SimPumpSource(sim.Text, sim.Settings),

            // i2c: and iio: are opened by Sensors (EdgeRnn.Device.Sources.Sensors), passed in by the caller.
            I2cSourceSpec or IioSourceSpec => openSensor?.Invoke(spec, options)
                ?? throw new NotSupportedException(
                    $"Expected a sensor opener for '{spec.Text}' (i2c: and iio: sources come from the Sensors code); "
                    + "found none."),
            _ => throw new NotSupportedException($"Expected a known source spec; found {spec.GetType().Name}."),
        };
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: false);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException($"Expected a CSV recording at '{Path.GetFullPath(path)}'; found no file.", path, error);
        }
    }
}
