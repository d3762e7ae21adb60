namespace JinanOnboard.Config.Loading;

/// <summary>
/// A configuration the firmware cannot run with. The message is one line that names the
/// file, the key and what is allowed, e.g. <c>configs/x.json: link.downlink.rate_bps = -1 is out of range [1000, 1e10]</c>.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException() { }

    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception inner) : base(message, inner) { }
}
