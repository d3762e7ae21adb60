using System.Runtime.InteropServices;

namespace JinanOnboard.Devices.Serial;

/// <summary>
/// The few libc calls a serial line needs on Linux (open, termios, poll, read, write), with the kernel's generic
/// constants (include/uapi/asm-generic/termbits.h, fcntl.h, poll.h, errno-base.h: the same on x86-64, arm64 and
/// 32-bit arm, so on a PC and on a Raspberry Pi) and glibc's/musl's <c>struct termios</c> layout.
/// </summary>
internal static unsafe partial class LinuxTty
{
    public const int OpenReadWrite = 0x2;
    public const int OpenNoControllingTerminal = 0x100;
    public const int OpenNonBlocking = 0x800;
    public const int OpenCloseOnExec = 0x80000;

    public const short PollIn = 0x1;
    public const short PollOut = 0x4;
    public const short PollError = 0x8;
    public const short PollHangUp = 0x10;
    public const short PollInvalid = 0x20;

    public const int ErrorInterrupted = 4;
    public const int ErrorInputOutput = 5;
    public const int ErrorWouldBlock = 11;

    /// <summary>TIOCEXCL: no further open of the line (what System.IO.Ports does too), so two programs never share it.</summary>
    public const nuint IoctlExclusive = 0x540C;

    public const int SetNow = 0; // TCSANOW
    public const int FlushInput = 0; // TCIFLUSH

    public const uint InputXonXoffAny = 0x800 | 0x1000; // IXANY | IXOFF (cfmakeraw clears IXON only)
    public const uint ControlStopBits2 = 0x40; // CSTOPB
    public const uint ControlRead = 0x80; // CREAD
    public const uint ControlParity = 0x100; // PARENB
    public const uint ControlLocal = 0x800; // CLOCAL: ignore modem lines (no carrier on a 3-wire line or a pty)
    public const uint ControlRtsCts = 0x80000000; // CRTSCTS
    public const int CcTime = 5; // VTIME
    public const int CcMin = 6; // VMIN

    /// <summary>The Bnnn speed codes of termbits.h for the rates a device here uses; other rates are not known.</summary>
    public static bool TrySpeedCode(int baud, out uint code)
    {
        code = baud switch
        {
            9_600 => 0xD, // B9600
            19_200 => 0xE, // B19200
            38_400 => 0xF, // B38400
            57_600 => 0x1001, // B57600
            115_200 => 0x1002, // B115200
            230_400 => 0x1003, // B230400
            460_800 => 0x1004, // B460800
            921_600 => 0x1007, // B921600
            _ => 0,
        };
        return code != 0;
    }

    /// <summary>glibc/musl <c>struct termios</c> on Linux (tcflag_t and speed_t are 32 bits, NCCS is 32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Termios
    {
        public uint InputFlags;
        public uint OutputFlags;
        public uint ControlFlags;
        public uint LocalFlags;
        public byte LineDiscipline;
        public fixed byte ControlChars[32];
        public uint InputSpeed;
        public uint OutputSpeed;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(int fd, nuint request, nint argument);

    [LibraryImport("libc", EntryPoint = "tcgetattr", SetLastError = true)]
    public static partial int GetAttributes(int fd, Termios* termios);

    [LibraryImport("libc", EntryPoint = "tcsetattr", SetLastError = true)]
    public static partial int SetAttributes(int fd, int when, Termios* termios);

    [LibraryImport("libc", EntryPoint = "cfmakeraw")]
    public static partial void MakeRaw(Termios* termios);

    [LibraryImport("libc", EntryPoint = "cfsetispeed", SetLastError = true)]
    public static partial int SetInputSpeed(Termios* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "cfsetospeed", SetLastError = true)]
    public static partial int SetOutputSpeed(Termios* termios, uint speed);

    [LibraryImport("libc", EntryPoint = "tcflush", SetLastError = true)]
    public static partial int Flush(int fd, int queue);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    public static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    public static partial nint Write(int fd, byte* buffer, nuint count);
}
