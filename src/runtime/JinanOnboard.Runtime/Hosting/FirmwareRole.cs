namespace JinanOnboard.Runtime.Hosting;

/// <summary>Which side of the link a process is.</summary>
public enum FirmwareRole
{
    /// <summary>The satellite payload: connects to the ground station.</summary>
    Payload,

    /// <summary>The portable optical ground station: listens for the payload.</summary>
    Ground,
}
