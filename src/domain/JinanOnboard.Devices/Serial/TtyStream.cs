using System.Runtime.InteropServices;

namespace JinanOnboard.Devices.Serial;

/// <summary>
/// A Linux serial line (a USB adapter's /dev/ttyUSBn, a pty) as a <see cref="Stream"/> that reads and writes the
/// descriptor directly: raw 8N1 at the given rate, no flow control. It exists for latency (issue 17): System.IO.Ports
/// on Unix moves every read and write through one I/O thread that polls the port with a 1 ms timeout and only looks
/// for writability when a write was already queued, so a write made while a read is pending waits out that poll; a
/// command and its reply took ~2.7 ms over a pty that way (a 1 kHz loop needs two per tick). Here a write is one
/// write(2) on the caller's thread, and a read that finds nothing waits in poll(2) until a byte arrives.
/// </summary>
public sealed unsafe class TtyStream : Stream
{
    /// <summary>How often a waiting read looks at its token and at disposal (poll's timeout); bytes wake it at once.</summary>
    private const int WakeIntervalMs = 50;

    private readonly TtyHandle handle;
    private readonly string path;
    private volatile bool disposed;

    private TtyStream(TtyHandle handle, string path)
    {
        this.handle = handle;
        this.path = path;
    }

    /// <summary>Whether <see cref="Open"/> works here: Linux on x86-64, arm64 or 32-bit arm (the layouts it knows).</summary>
    public static bool IsSupported(int baudRate)
        => OperatingSystem.IsLinux()
            && RuntimeInformation.OSArchitecture is Architecture.X64 or Architecture.Arm64 or Architecture.Arm
            && LinuxTty.TrySpeedCode(baudRate, out _);

    /// <summary>Opens <paramref name="path"/> for this process alone, raw 8N1 at <paramref name="baudRate"/>, input flushed.</summary>
    /// <exception cref="IOException">The line cannot be opened or configured (message names the call and errno).</exception>
    public static TtyStream Open(string path, int baudRate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!IsSupported(baudRate) || !LinuxTty.TrySpeedCode(baudRate, out uint speed))
        {
            throw new PlatformNotSupportedException($"{path}: a tty stream needs Linux and a standard rate, not {baudRate} baud here");
        }

        int fd = LinuxTty.Open(path, LinuxTty.OpenReadWrite | LinuxTty.OpenNoControllingTerminal | LinuxTty.OpenNonBlocking | LinuxTty.OpenCloseOnExec);
        if (fd < 0)
        {
            throw Failure(path, "open");
        }

        var handle = new TtyHandle(fd);
        try
        {
            Configure(fd, path, speed);
            PoolThreadReserve.Add();
            return new TtyStream(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static void Configure(int fd, string path, uint speed)
    {
        if (LinuxTty.Ioctl(fd, LinuxTty.IoctlExclusive, 0) != 0)
        {
            throw Failure(path, "ioctl(TIOCEXCL)");
        }

        LinuxTty.Termios termios;
        if (LinuxTty.GetAttributes(fd, &termios) != 0)
        {
            throw Failure(path, "tcgetattr (not a serial line?)");
        }

        LinuxTty.MakeRaw(&termios); // 8 data bits, no parity, no echo, no line editing, no CR/LF translation, no XON
        termios.InputFlags &= ~LinuxTty.InputXonXoffAny;
        termios.ControlFlags &= ~(LinuxTty.ControlStopBits2 | LinuxTty.ControlParity | LinuxTty.ControlRtsCts);
        termios.ControlFlags |= LinuxTty.ControlRead | LinuxTty.ControlLocal;
        termios.ControlChars[LinuxTty.CcMin] = 1;
        termios.ControlChars[LinuxTty.CcTime] = 0;
        if (LinuxTty.SetInputSpeed(&termios, speed) != 0 || LinuxTty.SetOutputSpeed(&termios, speed) != 0)
        {
            throw Failure(path, "cfsetspeed");
        }

        if (LinuxTty.SetAttributes(fd, LinuxTty.SetNow, &termios) != 0)
        {
            throw Failure(path, "tcsetattr");
        }

        // Bytes left in the line by an earlier session (a reply to a command of a connection now gone) are not ours.
        _ = LinuxTty.Flush(fd, LinuxTty.FlushInput);
    }

    public override bool CanRead => !disposed;

    public override bool CanWrite => !disposed;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => WaitAndRead(buffer, CancellationToken.None);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Bytes already in the line come back at once; otherwise a pool thread waits in poll(2) for them.</summary>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (buffer.IsEmpty)
        {
            return ValueTask.FromResult(0);
        }

        int read = TryRead(buffer.Span);
        if (read >= 0)
        {
            return ValueTask.FromResult(read);
        }

        return new ValueTask<int>(Task.Run(() => WaitAndRead(buffer.Span, cancellationToken), cancellationToken));
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    /// <summary>write(2) until the kernel has every byte (it waits in poll(2) only when the line's buffer is full).</summary>
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle.DangerousGetHandle();
            while (!buffer.IsEmpty)
            {
                nint written;
                fixed (byte* bytes = buffer)
                {
                    written = LinuxTty.Write(fd, bytes, (nuint)buffer.Length);
                }

                if (written > 0)
                {
                    buffer = buffer[(int)written..];
                    continue;
                }

                int error = Marshal.GetLastPInvokeError();
                if (written < 0 && error == LinuxTty.ErrorWouldBlock)
                {
                    WaitFor(fd, LinuxTty.PollOut, CancellationToken.None);
                }
                else if (written == 0 || error != LinuxTty.ErrorInterrupted)
                {
                    throw Failure(path, "write", error);
                }
            }
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Done on the caller's thread: a command line goes straight into the kernel's buffer, so it never waits.</summary>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>Nothing to do: written bytes are already the kernel's (as after a System.IO.Ports write).</summary>
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        // A read waiting in poll(2) sees this within WakeIntervalMs; the descriptor closes once no call holds it.
        if (!disposed)
        {
            PoolThreadReserve.Remove();
        }

        disposed = true;
        if (disposing)
        {
            handle.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>One non-blocking read(2): bytes read, 0 at the end of the line, −1 when nothing is there yet.</summary>
    private int TryRead(Span<byte> buffer)
    {
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            return TryRead((int)handle.DangerousGetHandle(), buffer);
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    private int TryRead(int fd, Span<byte> buffer)
    {
        while (true)
        {
            nint read;
            fixed (byte* bytes = buffer)
            {
                read = LinuxTty.Read(fd, bytes, (nuint)buffer.Length);
            }

            if (read >= 0)
            {
                return (int)read;
            }

            int error = Marshal.GetLastPInvokeError();
            if (error == LinuxTty.ErrorWouldBlock)
            {
                return -1;
            }

            if (error != LinuxTty.ErrorInterrupted)
            {
                // EIO: the other side of a pty is gone (socat ended), or the USB adapter was unplugged.
                throw Failure(path, "read", error);
            }
        }
    }

    private int WaitAndRead(Span<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle.DangerousGetHandle();
            while (true)
            {
                int read = TryRead(fd, buffer);
                if (read >= 0)
                {
                    return read;
                }

                WaitFor(fd, LinuxTty.PollIn, cancellationToken);
            }
        }
        finally
        {
            handle.DangerousRelease();
        }
    }

    /// <summary>Waits in poll(2) until <paramref name="events"/> (or a hang-up or error, which the next call reports).</summary>
    private void WaitFor(int fd, short events, CancellationToken cancellationToken)
    {
        var poll = new LinuxTty.PollFd { Fd = fd, Events = events };
        while (true)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            poll.ReturnedEvents = 0;
            int ready = LinuxTty.Poll(&poll, 1, WakeIntervalMs);
            if (ready > 0)
            {
                if ((poll.ReturnedEvents & LinuxTty.PollInvalid) != 0)
                {
                    throw new IOException($"{path}: poll: the descriptor is not open");
                }

                return;
            }

            if (ready < 0 && Marshal.GetLastPInvokeError() is int error && error != LinuxTty.ErrorInterrupted)
            {
                throw Failure(path, "poll", error);
            }
        }
    }

    private static IOException Failure(string path, string call) => Failure(path, call, Marshal.GetLastPInvokeError());

    private static IOException Failure(string path, string call, int errno)
        => new($"{path}: {call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    /// <summary>The descriptor, closed exactly once and only when no read or write is using it.</summary>
    private sealed class TtyHandle : SafeHandle
    {
        public TtyHandle(int fd)
            : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

        public override bool IsInvalid => handle == -1;

        protected override bool ReleaseHandle() => LinuxTty.Close((int)handle) == 0;
    }
}
