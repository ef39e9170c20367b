using System.Device.I2c;

namespace EdgeRnn.Device.Tests.Hardware.I2c;

/// <summary>A chip with 256 eight-bit registers behind a register pointer, as most I2C sensors are: a write sets the pointer
/// and stores the following bytes, a read returns bytes from the pointer on, auto-incrementing. Only the plain-I2C calls are
/// implemented, so the register calls run through <see cref="I2cDevice"/>'s default implementations.</summary>
internal sealed class SimulatedI2cDevice : I2cDevice
{
    private byte _pointer;

    public SimulatedI2cDevice(int address = 0x68)
    {
        ConnectionSettings = new I2cConnectionSettings(1, address);
    }

    public override I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>The register file.</summary>
    public byte[] Registers { get; } = new byte[256];

    /// <summary>Register writes in order (register, value).</summary>
    public List<(byte Register, byte Value)> Writes { get; } = [];

    /// <summary>How many of the next transfers fail with an IOException (a NACK on a real bus).</summary>
    public int FailNextTransfers { get; set; }

    public bool IsDisposed { get; private set; }

    /// <summary>Writes a big-endian 16-bit value into two consecutive registers.</summary>
    public void SetBigEndian(byte register, short value)
    {
        Registers[register] = (byte)(value >> 8);
        Registers[register + 1] = (byte)value;
    }

    public override byte ReadByte()
    {
        Transfer();
        return ReadAtPointer();
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer();
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadAtPointer();
        }
    }

    public override void WriteByte(byte value)
    {
        Transfer();
        _pointer = value;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer();
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = buffer[0];
        foreach (byte value in buffer[1..])
        {
            Writes.Add((_pointer, value));
            OnWrite(_pointer, value);
            _pointer++;
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        for (int i = 0; i < readBuffer.Length; i++)
        {
            readBuffer[i] = ReadAtPointer();
        }
    }

    /// <summary>Stores a written register value.</summary>
    private void OnWrite(byte register, byte value) => Registers[register] = value;

    /// <summary>Returns a register value.</summary>
    private byte OnRead(byte register) => Registers[register];

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private byte ReadAtPointer() => OnRead(_pointer++);

    private void Transfer()
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (FailNextTransfers > 0)
        {
            FailNextTransfers--;
            throw new IOException("simulated NACK: errno 121 (Remote I/O error)");
        }
    }
}
