using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Budgets;

/// <summary>Computes a <see cref="LinkBudget"/> for a parameter set at a given geometry (models.md §2-§4).</summary>
public sealed class LinkBudgetCalculator
{
    private readonly PhysicsParameterSet _set;
    private readonly double _wavelengthM;
    private readonly double _integratedCn2;

    /// <summary>Bind to a validated parameter set.</summary>
    public LinkBudgetCalculator(PhysicsParameterSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        _set = set;
        _wavelengthM = set.WavelengthM;
        _integratedCn2 = set.Kind == LinkKind.Uplink
            ? LinkPhysics.IntegratedCn2(set.Number("link.turbulence_ceiling_km") * 1000.0, set.Number("link.wind_speed_m_per_s"), set.Number("link.ground_cn2_m_minus_2_3"))
            : double.NaN;
    }

    /// <summary>The parameter set.</summary>
    public PhysicsParameterSet Parameters => _set;

    /// <summary>
    /// Budget at slant range <paramref name="rangeKm"/> and elevation <paramref name="elevationDeg"/> (ignored for the
    /// inter-satellite link). <paramref name="cloudIndex"/> overrides the set's cloud index (0 clear .. 150 overcast);
    /// <paramref name="pointingErrorUrad"/> is the instantaneous pointing error from the APT loops (dynamic pointing).
    /// </summary>
    public LinkBudget Compute(double rangeKm, double elevationDeg, double? cloudIndex = null, double? pointingErrorUrad = null)
    {
        if (!(rangeKm > 0) || !double.IsFinite(rangeKm))
        {
            throw new ArgumentOutOfRangeException(nameof(rangeKm), rangeKm, "range must be a positive number of km");
        }

        if (_set.Kind != LinkKind.InterSatellite && (!(elevationDeg > 0) || elevationDeg > 90))
        {
            throw new ArgumentOutOfRangeException(nameof(elevationDeg), elevationDeg, "elevation must be in (0, 90] deg");
        }

        double cloud = cloudIndex ?? _set.NumberOr("link.cloud_index", 0);
        if (cloud is < 0 or > 150 || double.IsNaN(cloud))
        {
            throw new ArgumentOutOfRangeException(nameof(cloudIndex), cloudIndex, "cloud index must be in [0, 150]");
        }

        if (pointingErrorUrad is < 0 || (pointingErrorUrad is double p && !double.IsFinite(p)))
        {
            throw new ArgumentOutOfRangeException(nameof(pointingErrorUrad), pointingErrorUrad, "pointing error must be a non-negative number of µrad");
        }

        return _set.Kind switch
        {
            LinkKind.Downlink => Downlink(rangeKm, elevationDeg, cloud, pointingErrorUrad),
            LinkKind.Uplink => Uplink(rangeKm, elevationDeg, cloud),
            _ => InterSatellite(rangeKm),
        };
    }

    private LinkBudget Downlink(double rangeKm, double elevationDeg, double cloud, double? pointingErrorUrad)
    {
        double divergenceRad = _set.Number("transmitter.divergence_half_angle_urad") * 1e-6;
        double beamM = LinkPhysics.DownlinkBeamRadiusM(_wavelengthM, divergenceRad, rangeKm * 1000.0);
        double geoDb = LinkBudget.ToLossDb(LinkPhysics.GeometricTransmittance(_set.Number("receiver.aperture_m"), beamM));
        double atmDb = Atmosphere(elevationDeg, cloud);

        // Dynamic pointing (models.md §2, Jinan-1) when an error is given or configured; the study's fixed Λ_p otherwise.
        double pointingDb;
        if (pointingErrorUrad is not null || (!_set.Has("link.pointing_loss_db") && _set.Has("link.pointing_error_urad")))
        {
            double errorRad = (pointingErrorUrad ?? _set.Number("link.pointing_error_urad")) * 1e-6;
            pointingDb = LinkBudget.ToLossDb(LinkPhysics.PointingTransmittance(errorRad, divergenceRad));
        }
        else
        {
            pointingDb = _set.Number("link.pointing_loss_db");
        }

        return new LinkBudget(
            LinkKind.Downlink, rangeKm, elevationDeg, geoDb, 0, atmDb, pointingDb,
            OpticsDb(), _set.NumberOr("link.coupling_loss_db", 0), DetectorDb(), beamM, double.NaN);
    }

    private LinkBudget Uplink(double rangeKm, double elevationDeg, double cloud)
    {
        double rangeM = rangeKm * 1000.0;
        double rs = _set.Number("transmitter.radius_m");
        double rr = _set.Number("receiver.radius_m");
        double r0 = LinkPhysics.FriedParameterM(_wavelengthM, elevationDeg, _integratedCn2);
        double diffractionBeam = LinkPhysics.UplinkBeamRadiusM(_wavelengthM, rangeM, rs, elevationDeg, double.PositiveInfinity);
        double beam = LinkPhysics.UplinkBeamRadiusM(_wavelengthM, rangeM, rs, elevationDeg, r0);
        double geoDb = LinkBudget.ToLossDb(LinkPhysics.UplinkCollection(rr, diffractionBeam));
        double totalGeoDb = LinkBudget.ToLossDb(LinkPhysics.UplinkCollection(rr, beam));
        bool hasAtmosphere = _set.Has("link.extinction_coefficient") || _set.Has("link.atmospheric_zenith_loss_db");
        double atmDb = hasAtmosphere ? Atmosphere(elevationDeg, cloud) : CloudOnlyDb(cloud);
        return new LinkBudget(
            LinkKind.Uplink, rangeKm, elevationDeg, geoDb, totalGeoDb - geoDb, atmDb, _set.NumberOr("link.pointing_loss_db", 0),
            OpticsDb(), _set.NumberOr("link.coupling_loss_db", 0), DetectorDb(), beam, r0);
    }

    private LinkBudget InterSatellite(double rangeKm)
    {
        double w0 = _set.Number("transmitter.beam_waist_m");
        double beam = LinkPhysics.GaussianBeamRadiusM(w0, _wavelengthM, rangeKm * 1000.0);
        double a = _set.Number("receiver.aperture_m") / 2.0;
        double geoDb = LinkBudget.ToLossDb(LinkPhysics.UplinkCollection(a, beam));
        // Far-field 1/e² half-angle divergence of the waist: θ = λ/(π w0).
        double theta = _wavelengthM / (Math.PI * w0);
        double pointingDb = LinkBudget.ToLossDb(LinkPhysics.MeanPointingTransmittance(_set.Number("link.pointing_jitter_rms_urad") * 1e-6, theta));
        return new LinkBudget(
            LinkKind.InterSatellite, rangeKm, double.NaN, geoDb, 0, 0, pointingDb,
            OpticsDb(), _set.NumberOr("link.coupling_loss_db", 0), DetectorDb(), beam, double.NaN);
    }

    private double Atmosphere(double elevationDeg, double cloud)
    {
        if (_set.Has("link.extinction_coefficient"))
        {
            return LinkBudget.ToLossDb(LinkPhysics.AtmosphericTransmittance(_set.Number("link.extinction_coefficient"), elevationDeg, cloud));
        }

        // A zenith loss in dB scales with the airmass csc β (the same law as Λ_A0 csc β, expressed in dB).
        double zenithDb = _set.Number("link.atmospheric_zenith_loss_db");
        return (zenithDb / Math.Sin(elevationDeg * Math.PI / 180.0)) + CloudOnlyDb(cloud);
    }

    private static double CloudOnlyDb(double cloud) => LinkBudget.ToLossDb((150.0 - cloud) / 150.0);

    private double OpticsDb() =>
        (_set.Has("receiver.optical_efficiency") ? LinkBudget.ToLossDb(_set.Number("receiver.optical_efficiency")) : 0)
        + _set.NumberOr("link.optical_loss_db", 0) + _set.NumberOr("link.antenna_loss_db", 0);

    private double DetectorDb() =>
        _set.Has("link.detection_loss_db") ? _set.Number("link.detection_loss_db") : LinkBudget.ToLossDb(_set.Number("receiver.detector_efficiency"));
}
