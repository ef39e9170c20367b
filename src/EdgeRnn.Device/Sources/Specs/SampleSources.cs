using EdgeRnn.Device.Sources.Files;
using EdgeRnn.Device.Sources.Network;
using EdgeRnn.Device.Sources.Sensors;
using EdgeRnn.Device.Sources.Sensors.Iio;
using EdgeRnn.Device.Sources.Simulation;

namespace EdgeRnn.Device.Sources.Specs;

/// <summary>Opens the <see cref="ISampleSource"/> a <see cref="SourceSpec"/> describes: the one place that knows every kind.</summary>
internal static class SampleSources
{
    /// <summary>Creates and starts the source of <paramref name="spec"/>.</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="options">The source settings.</param>
    /// <param name="log">Where a sensor source reports failed reads.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The started source; the caller disposes it.</returns>
    /// <exception cref="IOException">A file, a bus or a device cannot be opened, or is not the expected chip.</exception>
    public static async ValueTask<ISampleSource> OpenAsync(
        SourceSpec spec, SourceOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ISampleSource source = Create(spec, options, log);
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

    /// <summary>Creates the source of <paramref name="spec"/> without starting it (an <c>i2c:</c> or <c>iio:</c> sensor is
    /// opened here: its bus or device is checked at once).</summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="options">The source settings.</param>
    /// <param name="log">Where a sensor source reports failed reads.</param>
    /// <returns>The source, not started.</returns>
    /// <exception cref="IOException">A bus or a device cannot be opened, or is not the expected chip.</exception>
    /// <exception cref="NotSupportedException">A spec kind this factory does not know.</exception>
    public static ISampleSource Create(SourceSpec spec, SourceOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        return spec switch
        {
            CsvFileSourceSpec csv => new StreamSampleSource(csv.Text, () => OpenFile(csv.Path), replay: true, options),
            StdinSourceSpec stdin => new StreamSampleSource(stdin.Text, Console.OpenStandardInput, replay: false, options),
            TcpSourceSpec tcp => new TcpSampleSource(tcp.Text, tcp.EndPoint, tcp.Format, options),
            UdpSourceSpec udp => new UdpSampleSource(udp.Text, udp.EndPoint, udp.Format, options),
            SimSourceSpec sim => new SimPumpSource(sim.Text, sim.Settings),
            I2cSourceSpec i2c => Polled(i2c, SensorFactory.OpenI2c(i2c.Bus, i2c.Address, i2c.Driver), options, log),
            IioSourceSpec iio => Polled(iio, IioSensor.Open(iio.Device), options, log),
            _ => throw new NotSupportedException($"Expected a known source spec; found {spec.GetType().Name}."),
        };
    }

    private static SensorSampleSource Polled(SourceSpec spec, ISensor sensor, SourceOptions options, TextWriter log) =>
        new(spec.Text, sensor, options.NominalRate, options.SensorRetry, log);

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
