namespace JinanOnboard.Protocol.Messages;

/// <summary>Application process identifiers, one per message family (protocol-spec/messages.md).</summary>
public static class Apids
{
    /// <summary>Link control: hello, acknowledgements, close, plan agreement.</summary>
    public const ushort LinkControl = 0x001;

    /// <summary>Time synchronisation: sync-word epochs carried on the downlink.</summary>
    public const ushort TimeSync = 0x010;

    /// <summary>Housekeeping telemetry.</summary>
    public const ushort Telemetry = 0x020;

    /// <summary>Pass/session control: start, end, summaries.</summary>
    public const ushort SessionControl = 0x030;

    /// <summary>Polarization compensation: reference-state measurements and the calibration's result (polarization-calibration.md).</summary>
    public const ushort Polarization = 0x040;

    /// <summary>Key distillation: detection reports, sifting, reconciliation, PA instruction, feedback.</summary>
    public const ushort Distillation = 0x100;
}

/// <summary>Message types within <see cref="Apids.LinkControl"/>.</summary>
public static class LinkControlTypes
{
    public const byte Hello = 1;
    public const byte Ack = 2;
    public const byte Close = 3;

    /// <summary>The sender's run-plan agreement list, its first reliable message (delivery.md "Plan agreement").</summary>
    public const byte Agreement = 4;
}
