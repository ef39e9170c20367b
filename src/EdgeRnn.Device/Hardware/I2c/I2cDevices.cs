using System.Device.I2c;

namespace EdgeRnn.Device.Hardware.I2c;

/// <summary>Opens an I2C device the way its adapter can carry the bindings' transfers.</summary>
internal static class I2cDevices
{
    /// <summary>Opens the device at an address of <c>/dev/i2c-N</c>: dotnet/iot's own <see cref="I2cDevice.Create"/> when the
    /// adapter does plain I2C (<c>I2C_FUNC_I2C</c> in <c>I2C_FUNCS</c>: a Raspberry Pi's controller), otherwise a
    /// <see cref="SmbusI2cDevice"/> that carries the same transfers over SMBus ioctls (i2c-stub, SMBus-only adapters).</summary>
    /// <param name="bus">Bus number N.</param>
    /// <param name="address">7-bit address, 0x03..0x77.</param>
    /// <returns>The open device; the caller (usually a binding) disposes it.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The address is outside 0x03..0x77.</exception>
    /// <exception cref="IOException">The bus cannot be opened or the address cannot be selected.</exception>
    public static I2cDevice Open(int bus, int address)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bus);
        ArgumentOutOfRangeException.ThrowIfLessThan(address, 0x03);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(address, 0x77);
        var settings = new I2cConnectionSettings(bus, address);
        var smbus = new SmbusI2cDevice(settings);
        if ((smbus.Functionality & I2cFunctionality.PlainI2c) == 0)
        {
            return smbus;
        }

        smbus.Dispose();
        return I2cDevice.Create(settings);
    }
}
