using System.Globalization;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>Where an I2C device is: the bus (<c>/dev/i2c-N</c>) and its 7-bit address.</summary>
internal sealed class I2cConnectionSettings
{
    /// <summary>Creates the settings.</summary>
    /// <param name="busId">Bus number N of <c>/dev/i2c-N</c>, 0 or more (1 on a Raspberry Pi header).</param>
    /// <param name="deviceAddress">7-bit device address, 0x03..0x77.</param>
    /// <exception cref="ArgumentOutOfRangeException">The bus is negative or the address is outside 0x03..0x77.</exception>
    public I2cConnectionSettings(int busId, int deviceAddress)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(busId);
        if (deviceAddress is < 0x03 or > 0x77)
        {
            throw new ArgumentOutOfRangeException(
                nameof(deviceAddress),
                deviceAddress,
                string.Create(CultureInfo.InvariantCulture, $"expected a 7-bit I2C address 0x03..0x77, got 0x{deviceAddress:X2}"));
        }

        BusId = busId;
        DeviceAddress = deviceAddress;
    }

    /// <summary>Bus number N of <c>/dev/i2c-N</c>.</summary>
    public int BusId { get; }

    /// <summary>7-bit device address.</summary>
    public int DeviceAddress { get; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"i2c bus {BusId} address 0x{DeviceAddress:X2}");
}
