using System.Buffers.Binary;
using System.Device.I2c;

namespace EdgeRnn.Device.Tests.Hardware.I2c;

/// <summary>A chip with 16-bit registers behind a pointer byte, most significant byte first on the wire (INA219, MCP9808):
/// a write of the pointer and two bytes stores a register, a write of the pointer alone selects it for the next read.</summary>
internal sealed class SimulatedWordRegisters(int address) : I2cDevice
{
    private byte _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    /// <summary>The register file.</summary>
    public ushort[] Registers { get; } = new ushort[256];

    /// <summary>Register writes in order.</summary>
    public List<(byte Register, ushort Value)> Writes { get; } = [];

    public bool IsDisposed { get; private set; }

    public override byte ReadByte() => (byte)(Registers[_pointer] >> 8);

    public override void WriteByte(byte value) => _pointer = value;

    public override void Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, Registers[_pointer]);
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = bytes[i % 2];
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        _pointer = buffer[0];
        if (buffer.Length >= 3)
        {
            ushort value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
            Registers[_pointer] = value;
            Writes.Add((_pointer, value));
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }
}
