using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeRnn.Device.Tests.Sources.Sensors.Ads1115;

/// <summary>An ADS1115 as SBAS444D §9.5–9.6 describes it on the wire: a pointer byte selects one of four 16-bit registers,
/// sent most significant byte first. Writing Config with OS = 1 starts a conversion: OS reads 0 for
/// <see cref="PollsUntilDone"/> Config reads, then 1, and Conversion holds the code set for the selected input.
/// Only plain I2C is implemented, so the driver's SMBus word calls run through <see cref="I2cDevice"/>'s defaults.</summary>
internal sealed class SimulatedAds1115 : I2cDevice
{
    private readonly ushort[] _registers = [0x0000, 0x8583, 0x8000, 0x7FFF]; // reset values, §9.6
    private byte _pointer;
    private int _pollsLeft;

    public SimulatedAds1115(int address = 0x48)
    {
        ConnectionSettings = new I2cConnectionSettings(1, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>Conversion codes for AIN0..AIN3 against GND.</summary>
    public short[] InputCodes { get; } = new short[4];

    /// <summary>Config reads that still show OS = 0 after a conversion starts.</summary>
    public int PollsUntilDone { get; set; }

    /// <summary>True to keep OS = 0 forever (a chip that never finishes).</summary>
    public bool NeverCompletes { get; set; }

    /// <summary>True to ignore writes (something that is not an ADS1115).</summary>
    public bool IgnoresWrites { get; set; }

    /// <summary>Every Config value written, in order.</summary>
    public List<ushort> ConfigWrites { get; } = [];

    public ushort Config => _registers[1];

    public override byte ReadByte() => throw new NotSupportedException("the ADS1115 has no single-byte read");

    public override void WriteByte(byte value) => _pointer = (byte)(value & 0x03);

    public override void Read(Span<byte> buffer)
    {
        ushort value = ReadRegister(_pointer);
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = bytes[i % 2];
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pointer = (byte)(buffer[0] & 0x03);
        if (buffer.Length < 3 || IgnoresWrites)
        {
            return;
        }

        ushort value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
        if (_pointer == 1)
        {
            ConfigWrites.Add(value);
            bool start = (value & 0x8000) != 0;
            _registers[1] = (ushort)(value & 0x7FFF);
            if (start)
            {
                _pollsLeft = PollsUntilDone;
                Complete();
            }
            else
            {
                _registers[1] |= 0x8000;
            }

            return;
        }

        _registers[_pointer] = value;
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private ushort ReadRegister(int register)
    {
        if (register == 1 && (_registers[1] & 0x8000) == 0)
        {
            ushort busy = _registers[1];
            _pollsLeft--;
            Complete();
            return busy;
        }

        return _registers[register];
    }

    private void Complete()
    {
        if (NeverCompletes || _pollsLeft > 0)
        {
            return;
        }

        int mux = (_registers[1] >> 12) & 0x7;
        _registers[0] = mux >= 4 ? (ushort)InputCodes[mux - 4] : (ushort)0;
        _registers[1] |= 0x8000;
    }
}
