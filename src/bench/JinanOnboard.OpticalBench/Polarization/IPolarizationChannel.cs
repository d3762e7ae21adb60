namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>The polarization part of the channel the light simulation reads, second by second of the pass.</summary>
public interface IPolarizationChannel
{
    /// <summary>The channel's polarization error probability at a pass time (the source's own contrast not included).</summary>
    double ErrorAt(double passSeconds);

    /// <summary>What the ground's result says about it (<c>polarization</c>).</summary>
    object Details();
}
