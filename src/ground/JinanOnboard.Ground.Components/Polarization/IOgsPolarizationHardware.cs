using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Polarization.Calibration;
using JinanOnboard.Polarization.Jones;
using JinanOnboard.Runtime.Messages;

namespace JinanOnboard.Ground.Components.Polarization;

/// <summary>The OGS's polarization devices: the half-wave plate that follows the pass geometry and the BB84 decoder's counters.</summary>
public interface IOgsPolarizationHardware
{
    /// <summary>The OGS half-wave plate's rotation mount.</summary>
    IWaveplateRotator HalfWave { get; }

    /// <summary>
    /// Counts at the decoder's four outputs over <paramref name="dwellS"/> while the payload sends <paramref name="state"/>
    /// for its measurement <paramref name="request"/>; null when the decoder could not count (the ground then does not answer).
    /// </summary>
    ValueTask<DecoderCounts?> CountReferenceAsync(int request, Bb84State state, double dwellS, CancellationToken cancellationToken);

    /// <summary>The plate has been set for pass second <paramref name="passSecond"/> (a bench records where it is for the light of that second).</summary>
    void OnHalfWaveSet(int passSecond);

    /// <summary>The plate has followed the pass to its end.</summary>
    void OnFollowingEnded();

    /// <summary>The payload's calibration result as the OGS received it (a bench reports its own truth beside it).</summary>
    void OnCalibrationReported(CalibrationResult result);
}
