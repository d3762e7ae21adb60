using System.Device.I2c;

namespace JinanOnboard.Devices.Tests.Fsm;

/// <summary>
/// Hand-written fake of the FSM controller's I2C side: a 256-byte register file with an
/// auto-incrementing pointer, read-only registers, and a self-clearing RESET bit.
/// </summary>
internal sealed class FakeFsmBus : I2cDevice
{
    private static readonly byte[] Writable = [0x01, 0x10, 0x11, 0x12, 0x13];

    public byte[] Registers { get; } = new byte[256];

    public int Resets { get; private set; }

    public List<byte[]> Writes { get; } = [];

    public FakeFsmBus(byte whoAmI = 0xF5) => Registers[0x00] = whoAmI;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x2C);

    public override byte ReadByte() => throw new NotSupportedException("the binding always addresses a register");

    public override void Read(Span<byte> buffer) => throw new NotSupportedException("the binding always addresses a register");

    public override void WriteByte(byte value) => Write([value]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Writes.Add(buffer.ToArray());
        int pointer = buffer[0];
        foreach (byte value in buffer[1..])
        {
            if (Array.IndexOf(Writable, (byte)pointer) >= 0)
            {
                Registers[pointer] = value;
            }

            pointer = (pointer + 1) & 0xFF;
        }

        if ((Registers[0x01] & 0x80) != 0)
        {
            Resets++;
            Array.Clear(Registers, 0x01, 0x20);
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        int pointer = writeBuffer[0];
        for (int i = 0; i < readBuffer.Length; i++)
        {
            readBuffer[i] = Registers[(pointer + i) & 0xFF];
        }
    }
}
