namespace JinanOnboard.Runtime.Ports;

/// <summary>How many inputs an output port may be connected to.</summary>
public enum PortMultiplicity
{
    /// <summary>Fans out to any number of inputs (a tick, an inbound APID several components listen to).</summary>
    Many,

    /// <summary>Exactly one input (a component's downlink, a pipeline stage's next stage).</summary>
    One,
}

/// <summary>What a topology check needs of any output port, whatever it carries.</summary>
public interface IOutputPort
{
    string Name { get; }

    bool IsConnected { get; }
}
