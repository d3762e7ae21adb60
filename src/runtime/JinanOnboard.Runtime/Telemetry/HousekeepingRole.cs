namespace JinanOnboard.Runtime.Telemetry;

/// <summary>The role byte of a housekeeping report (protocol-spec/messages.md §Housekeeping).</summary>
public enum HousekeepingRole : byte
{
    Payload = 0,
    Ground = 1,
}
