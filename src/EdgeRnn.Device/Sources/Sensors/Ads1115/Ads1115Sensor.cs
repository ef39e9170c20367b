using System.Buffers.Binary;
using System.Device.I2c;
using System.Globalization;
using Iot.Device.Ads1115;

namespace EdgeRnn.Device.Sources.Sensors.Ads1115;

/// <summary>TI ADS1115 16-bit ADC through dotnet/iot's <see cref="Iot.Device.Ads1115.Ads1115"/>: 4 single-ended channels
/// AIN0..AIN3 against GND, in volts, by single-shot conversions.</summary>
/// <remarks>
/// Reference: ADS111x datasheet SBAS444D (TI, rev. January 2018). The chip has no ID register and the binding checks
/// nothing, so construction first writes the Config register (§9.6.3) with OS cleared (no conversion starts) and a MUX
/// other than the reset value's, and reads it back; a mismatch is an <see cref="IOException"/>. The binding then runs in
/// power-down (single-shot) mode: per channel it writes Config with OS = 1 and the channel's MUX, polls OS until the
/// conversion ends (a <see cref="TimeoutException"/> after about 10 ms of polling) and reads Conversion (§9.4.2).
/// </remarks>
internal sealed class Ads1115Sensor : ISensor
{
    /// <summary>Address with ADDR tied to GND (§9.5.1.1, Table 4); VDD 0x49, SDA 0x4A, SCL 0x4B.</summary>
    public const int DefaultAddress = 0x48;

    private const byte ConfigRegister = 0x01;

    private static readonly string[] Channels = ["ain0_v", "ain1_v", "ain2_v", "ain3_v"];

    private static readonly InputMultiplexer[] Inputs =
        [InputMultiplexer.AIN0, InputMultiplexer.AIN1, InputMultiplexer.AIN2, InputMultiplexer.AIN3];

    private readonly Iot.Device.Ads1115.Ads1115 _adc;
    private readonly I2cDevice _device;
    private readonly float _voltsPerLsb;
    private bool _disposed;

    /// <summary>Checks and configures the chip.</summary>
    /// <param name="device">The chip's I2C device (owned: disposed with the sensor).</param>
    /// <param name="range">Full-scale range of the programmable gain amplifier.</param>
    /// <param name="dataRate">Conversion rate; one read takes four conversions.</param>
    /// <exception cref="IOException">The Config register does not read back as written (no ADS1115 there), or a bus
    /// transfer failed.</exception>
    public Ads1115Sensor(I2cDevice device, MeasuringRange range = MeasuringRange.FS2048, DataRate dataRate = DataRate.SPS128)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!Enum.IsDefined(range) || !Enum.IsDefined(dataRate))
        {
            throw new ArgumentOutOfRangeException(nameof(range), $"unknown range {range} or data rate {dataRate}");
        }

        Probe(device, range, dataRate);
        _device = device;
        _voltsPerLsb = FullScaleVolts(range) / 32768f;
        _adc = new Iot.Device.Ads1115.Ads1115(device, InputMultiplexer.AIN0, range, dataRate, DeviceMode.PowerDown);
    }

    /// <inheritdoc />
    public int ChannelCount => Channels.Length;

    /// <inheritdoc />
    public IReadOnlyList<string> ChannelNames => Channels;

    /// <summary>The positive full-scale voltage of a range (§9.3.3).</summary>
    /// <param name="range">The range.</param>
    /// <returns>Volts: 6.144, 4.096, 2.048, 1.024, 0.512 or 0.256.</returns>
    public static float FullScaleVolts(MeasuringRange range) => range switch
    {
        MeasuringRange.FS6144 => 6.144f,
        MeasuringRange.FS4096 => 4.096f,
        MeasuringRange.FS2048 => 2.048f,
        MeasuringRange.FS1024 => 1.024f,
        MeasuringRange.FS0512 => 0.512f,
        _ => 0.256f,
    };

    /// <inheritdoc />
    public void Read(Span<float> values)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SensorValues.CheckLength(values, ChannelCount);

        for (int channel = 0; channel < Channels.Length; channel++)
        {
            values[channel] = _adc.ReadRaw(Inputs[channel]) * _voltsPerLsb;
        }
    }

    /// <summary>Converts one single-ended input.</summary>
    /// <param name="channel">0..3 for AIN0..AIN3.</param>
    /// <returns>Volts against GND.</returns>
    /// <exception cref="IOException">A bus transfer failed.</exception>
    /// <exception cref="TimeoutException">The conversion did not end.</exception>
    public float ReadChannel(int channel)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channel, 3);
        return _adc.ReadRaw(Inputs[channel]) * _voltsPerLsb;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            _adc.Dispose();
        }
        catch (Exception exception) when (exception is IOException or TimeoutException)
        {
            // The binding's Dispose writes Config and waits for a conversion; a chip that stopped answering makes it throw
            // before it releases the bus device, so that is released here.
            _device.Dispose();
        }
    }

    private static void Probe(I2cDevice device, MeasuringRange range, DataRate dataRate)
    {
        // AIN1 single-ended (MUX 101b), the range and rate, single-shot, comparator off, OS = 0: no conversion starts,
        // and the MUX differs from the reset value 8583h, so a device that merely holds the reset value is caught too.
        ushort written = (ushort)((0b101 << 12) | ((int)range << 9) | (1 << 8) | ((int)dataRate << 5) | 0b11);
        Span<byte> write = [ConfigRegister, (byte)(written >> 8), (byte)written];
        device.Write(write);
        Span<byte> read = stackalloc byte[2];
        device.WriteRead(write[..1], read);
        ushort readBack = BinaryPrimitives.ReadUInt16BigEndian(read);
        if ((readBack & 0x7FFF) != written)
        {
            throw new IOException(string.Create(
                CultureInfo.InvariantCulture,
                $"expected an ADS1115 at bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}: its Config register should read back 0x{written:X4} (OS bit aside) after writing it, found 0x{readBack:X4}"));
        }
    }
}
