using System.IO.Ports;

namespace JinanOnboard.Devices.Serial;

/// <summary>
/// Opens a serial line as a byte stream for a device binding: a <see cref="TtyStream"/> on Linux (its latency is the
/// kernel's; issue 17), a System.IO.Ports <see cref="SerialPort"/> elsewhere (Windows COMn) or at a rate the tty stream
/// does not know. Either way 8N1, no handshake, the same bytes on the wire.
/// </summary>
public static class SerialLine
{
    /// <summary>Opens <paramref name="portName"/> at <paramref name="baudRate"/>; dispose <see cref="OpenSerialLine.Owner"/> to close it.</summary>
    /// <exception cref="IOException">The port cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission, or another program has it.</exception>
    public static OpenSerialLine Open(string portName, int baudRate)
    {
        if (TtyStream.IsSupported(baudRate))
        {
            TtyStream tty = TtyStream.Open(portName, baudRate);
            return new OpenSerialLine(tty, tty);
        }

        var port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
        try
        {
            port.Open();
        }
        catch
        {
            port.Dispose();
            throw;
        }

        return new OpenSerialLine(port.BaseStream, port);
    }
}

/// <summary>An open serial line: the stream a binding talks through, and what closes it.</summary>
public sealed record OpenSerialLine(Stream Stream, IDisposable Owner);
