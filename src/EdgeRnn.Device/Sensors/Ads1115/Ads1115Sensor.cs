using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using EdgeRnn.Device.Hardware.I2c;

namespace EdgeRnn.Device.Sensors.Ads1115;

/// <summary>TI ADS1115 16-bit ADC: 4 single-ended channels AIN0..AIN3 against GND, in volts, by single-shot conversions.</summary>
/// <remarks>
/// Reference: ADS111x datasheet SBAS444D (TI, rev. January 2018). The chip has no ID register, so construction writes the
/// Config register (§9.6.3) with OS cleared, so no conversion starts, and a MUX other than the reset value's, and reads it
/// back; a mismatch is an <see cref="IOException"/>. Each channel is one conversion (§9.4.2): write Config with OS = 1 and the channel's MUX, wait
/// one conversion period (1/DR, +10 % for the oscillator tolerance of §7.5), poll OS until it reads 1, read Conversion.
/// Registers are big-endian; SMBus words are little-endian, so every word is byte-swapped.
/// </remarks>
internal sealed class Ads1115Sensor : ISensor
{
    /// <summary>Address with ADDR tied to GND (§9.5.1.1, Table 4); VDD 0x49, SDA 0x4A, SCL 0x4B.</summary>
    public const int DefaultAddress = 0x48;

    private static readonly string[] Channels = ["ain0_v", "ain1_v", "ain2_v", "ain3_v"];
    private static readonly int[] SamplesPerSecond = [8, 16, 32, 64, 128, 250, 475, 860];

    private readonly I2cDevice _device;
    private readonly bool _shouldDispose;
    private readonly float _voltsPerLsb;
    private readonly ushort _configTemplate;
    private readonly TimeSpan _conversionTime;
    private readonly long _timeoutTicks;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned unless <paramref name="shouldDispose"/> is false).</param>
    /// <param name="range">Full-scale range of the programmable gain amplifier.</param>
    /// <param name="dataRate">Conversion rate; one read takes four conversions.</param>
    /// <param name="conversionTimeout">How long one conversion may take before a <see cref="TimeoutException"/>; default
    /// two conversion periods plus 10 ms.</param>
    /// <param name="shouldDispose">True to dispose <paramref name="device"/> with the sensor.</param>
    /// <exception cref="IOException">The Config register does not read back as written (no ADS1115 there), or a bus
    /// transfer failed.</exception>
    public Ads1115Sensor(
        I2cDevice device,
        Ads1115Range range = Ads1115Range.PlusMinus2048MilliVolts,
        Ads1115DataRate dataRate = Ads1115DataRate.Sps128,
        TimeSpan? conversionTimeout = null,
        bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(range) || !Enum.IsDefined(dataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"unknown range {range} or data rate {dataRate}");
        }

        _device = device;
        _shouldDispose = shouldDispose;
        Range = range;
        DataRate = dataRate;
        _voltsPerLsb = FullScaleVolts(range) / 32768f;
        _configTemplate = (ushort)(((int)range << 9) | Ads1115Register.SingleShotMode | ((int)dataRate << 5)
            | Ads1115Register.ComparatorDisabled);
        _conversionTime = TimeSpan.FromSeconds(1.1 / SamplesPerSecond[(int)dataRate]);
        TimeSpan timeout = conversionTimeout ?? ((2 * _conversionTime) + TimeSpan.FromMilliseconds(10));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(conversionTimeout));
        _timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        Probe();
    }

    /// <summary>The configured full-scale range.</summary>
    public Ads1115Range Range { get; }

    /// <summary>The configured conversion rate.</summary>
    public Ads1115DataRate DataRate { get; }

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => Channels;

    /// <summary>The positive full-scale voltage of a range (§9.3.3).</summary>
    /// <param name="range">The range.</param>
    /// <returns>Volts: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256.</returns>
    public static float FullScaleVolts(Ads1115Range range) => range switch
    {
        Ads1115Range.PlusMinus6144MilliVolts => 6.144f,
        Ads1115Range.PlusMinus4096MilliVolts => 4.096f,
        Ads1115Range.PlusMinus2048MilliVolts => 2.048f,
        Ads1115Range.PlusMinus1024MilliVolts => 1.024f,
        Ads1115Range.PlusMinus512MilliVolts => 0.512f,
        _ => 0.256f,
    };

    /// <summary>Converts a Conversion register value to volts: code × FSR / 2^15 (§9.3.3).</summary>
    /// <param name="code">The two's complement conversion result.</param>
    /// <param name="range">The range it was converted with.</param>
    /// <returns>Volts.</returns>
    public static float CodeToVolts(short code, Ads1115Range range) => code * (FullScaleVolts(range) / 32768f);

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (values.Length < ChannelCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"expected at least {ChannelCount} values, got {values.Length}"),
                nameof(values));
        }

        for (int channel = 0; channel < ChannelCount; channel++)
        {
            values[channel] = ReadChannel(channel);
        }
    }

    /// <summary>Converts one single-ended input.</summary>
    /// <param name="channel">0..3 for AIN0..AIN3.</param>
    /// <returns>Volts against GND.</returns>
    /// <exception cref="IOException">A bus transfer failed.</exception>
    /// <exception cref="TimeoutException">OS never read 1 within the conversion timeout.</exception>
    public float ReadChannel(int channel)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 3);
        ushort config = (ushort)(Ads1115Register.OperationalStatus
            | ((Ads1115Register.SingleEndedMuxBase + channel) << 12) | _configTemplate);
        WriteRegister(Ads1115Register.Config, config);
        WaitForConversion(channel);
        return (short)ReadRegister(Ads1115Register.Conversion) * _voltsPerLsb;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_shouldDispose)
        {
            _device.Dispose();
        }
    }

    private void Probe()
    {
        // The operating configuration for AIN0 with OS = 0 (no conversion starts); its MUX differs from the reset value
        // 8583h, so a device that ignores writes and merely holds the reset value is caught too.
        ushort written = (ushort)((Ads1115Register.SingleEndedMuxBase << 12) | _configTemplate);
        WriteRegister(Ads1115Register.Config, written);
        ushort readBack = ReadRegister(Ads1115Register.Config);
        if ((readBack & ~Ads1115Register.OperationalStatus) != written)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"expected an ADS1115 at {_device.ConnectionSettings}: its Config register should read back 0x{written:X4} (OS bit aside) after writing it, found 0x{readBack:X4}"));
        }
    }

    private void WaitForConversion(int channel)
    {
        long start = Stopwatch.GetTimestamp();
        Thread.Sleep(_conversionTime);
        while (true)
        {
            // The clock is read before the poll, so a poll made after the deadline still counts as the last chance.
            bool late = Stopwatch.GetTimestamp() - start > _timeoutTicks;
            ushort config = ReadRegister(Ads1115Register.Config);
            if ((config & Ads1115Register.OperationalStatus) != 0)
            {
                return;
            }

            if (late)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"ADS1115 at {_device.ConnectionSettings}: conversion of AIN{channel} not finished after {_timeoutTicks * 1000.0 / Stopwatch.Frequency:F1} ms (Config 0x{config:X4}, OS still 0)"));
            }

            Thread.Sleep(1);
        }
    }

    private ushort ReadRegister(byte register) => BinaryPrimitives.ReverseEndianness(_device.ReadWordData(register));

    private void WriteRegister(byte register, ushort value) =>
        _device.WriteWordData(register, BinaryPrimitives.ReverseEndianness(value));
}
