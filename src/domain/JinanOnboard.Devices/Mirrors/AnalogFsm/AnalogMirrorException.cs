namespace JinanOnboard.Devices.Mirrors.AnalogFsm;

/// <summary>A failure of the analog mirror's converters: names the device and, where there are any, the bytes.</summary>
public sealed class AnalogMirrorException(string device, string message, ReadOnlyMemory<byte> bytes = default, Exception? inner = null)
    : IOException(bytes.IsEmpty ? $"{device}: {message}" : $"{device}: {message} [{Convert.ToHexString(bytes.Span)}]", inner)
{
    /// <summary>Which device failed (its identity string).</summary>
    public string Device { get; } = device;

    /// <summary>The bytes the failure is about, if any.</summary>
    public IReadOnlyList<byte> Bytes { get; } = bytes.ToArray();
}
