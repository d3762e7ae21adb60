namespace JinanOnboard.Runtime.Ports;

/// <summary>Checks a topology makes at the end of its wiring.</summary>
public static class Wiring
{
    /// <summary>Every port in <paramref name="required"/> must be connected; the first that is not is named with <paramref name="component"/>.</summary>
    /// <exception cref="TopologyException">A required port is not connected.</exception>
    public static void RequireConnected(string component, params IOutputPort[] required)
    {
        ArgumentNullException.ThrowIfNull(required);
        string[] missing = [.. required.Where(p => !p.IsConnected).Select(p => p.Name)];
        if (missing.Length > 0)
        {
            throw new TopologyException($"{component}: port{(missing.Length > 1 ? "s" : "")} {string.Join(", ", missing)} not connected");
        }
    }
}
