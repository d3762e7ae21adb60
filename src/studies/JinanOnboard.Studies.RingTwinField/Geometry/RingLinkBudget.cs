using JinanOnboard.Physics.Budgets;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Studies.RingTwinField.Geometry;

/// <summary>
/// Losses of the ring's two kinds of link from the ring parameter set. Inter-satellite: the project's
/// <see cref="LinkBudgetCalculator"/> (models.md §4: Gaussian spreading from the 15 cm waist, 30 cm receiver, pointing
/// jitter 1/(1 + 4σ²/θ²), detector). Ground attachment (station to satellite): the same §4 Gaussian-beam law from the
/// station's 27 cm waist, composed from <see cref="LinkPhysics"/>, plus the set's 1.55 dB zenith atmosphere scaled by
/// the airmass csc β, the same pointing-jitter form with the station beam's divergence, and the detector. The set has
/// no turbulence term for the ground link, so none is applied (as the study's model).
/// </summary>
public sealed class RingLinkBudget
{
    private readonly LinkBudgetCalculator _isl;
    private readonly double _wavelengthM;
    private readonly double _groundWaistM;
    private readonly double _receiverRadiusM;
    private readonly double _zenithDb;
    private readonly double _jitterRad;
    private readonly double _detectorDb;

    /// <summary>Bind to the ring-constellation set (an inter-satellite set with ground_station.* keys).</summary>
    public RingLinkBudget(PhysicsParameterSet ringSet)
    {
        ArgumentNullException.ThrowIfNull(ringSet);
        if (ringSet.Kind != LinkKind.InterSatellite)
        {
            throw new ArgumentException($"parameter set '{ringSet.Name}' is not an inter-satellite set", nameof(ringSet));
        }

        _isl = new LinkBudgetCalculator(ringSet);
        _wavelengthM = ringSet.WavelengthM;
        _groundWaistM = ringSet.Number("ground_station.beam_waist_m");
        _receiverRadiusM = ringSet.Number("receiver.aperture_m") / 2;
        _zenithDb = ringSet.Number("link.atmospheric_zenith_loss_db");
        _jitterRad = ringSet.Number("link.pointing_jitter_rms_urad") * 1e-6;
        _detectorDb = LinkBudget.ToLossDb(ringSet.Number("receiver.detector_efficiency"));
    }

    /// <summary>Total loss of an inter-satellite link of <paramref name="distanceKm"/>, dB.</summary>
    public double InterSatelliteLossDb(double distanceKm) => _isl.Compute(distanceKm, double.NaN).TotalLossDb;

    /// <summary>Total loss of a ground-to-satellite link at slant range <paramref name="rangeKm"/> and elevation <paramref name="elevationDeg"/>, dB.</summary>
    public double GroundLossDb(double rangeKm, double elevationDeg)
    {
        if (!(elevationDeg > 0 && elevationDeg <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(elevationDeg), elevationDeg, "elevation must be in (0, 90] deg");
        }

        double beam = LinkPhysics.GaussianBeamRadiusM(_groundWaistM, _wavelengthM, rangeKm * 1000);
        double geometricDb = LinkBudget.ToLossDb(LinkPhysics.UplinkCollection(_receiverRadiusM, beam));
        double atmosphereDb = _zenithDb / Math.Sin(elevationDeg * Math.PI / 180);
        double divergence = _wavelengthM / (Math.PI * _groundWaistM);
        double pointingDb = LinkBudget.ToLossDb(LinkPhysics.MeanPointingTransmittance(_jitterRad, divergence));
        return geometricDb + atmosphereDb + pointingDb + _detectorDb;
    }
}
