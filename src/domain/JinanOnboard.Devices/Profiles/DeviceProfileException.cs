namespace JinanOnboard.Devices.Profiles;

/// <summary>A profile that cannot be used: the message is one line naming the file, and the device and key when there is one.</summary>
public sealed class DeviceProfileException(string message) : Exception(message);
