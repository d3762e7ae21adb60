namespace JinanOnboard.Physics.Parameters;

/// <summary>Which link model a parameter set describes (models.md §2, §3, §4).</summary>
public enum LinkKind
{
    /// <summary>Satellite to ground (models.md §2).</summary>
    Downlink,

    /// <summary>Ground to satellite with turbulence (models.md §3).</summary>
    Uplink,

    /// <summary>Satellite to satellite in vacuum (models.md §4).</summary>
    InterSatellite,
}
