using JinanOnboard.Orbit.Ephemeris;

namespace JinanOnboard.Polarization.Geometry;

/// <summary>
/// Rotation of the polarization reference frame between the satellite's transmitter and the OGS receiver, after
/// Bonato et al., "Influence of satellite motion on polarization qubits in a Space–Earth quantum communication link",
/// Opt. Express 14, 10050 (2006): in free space a plane wave's polarization vector is carried unchanged (in the
/// quasi-inertial frame) and stays transverse to the line of sight, so the received state is the sent one expressed in
/// the receiver's transverse basis; the angle between the transmitter's H axis and the receiver's H axis, measured about
/// the propagation direction, is the frame rotation ψ. Mirrors of the two telescopes (the paper's Coudé/Nasmyth terms)
/// are taken as polarization-neutral here (<c>assumed</c>: their fixed part goes into the OGS HWP offset, their
/// pointing-dependent part is not modelled).
/// <para>Attitude law (<c>assumed</c>, not published for Jinan-1): the payload boresight points at the OGS and the
/// satellite rolls about it so that its transmitter's H axis lies along the satellite's inertial velocity projected
/// transverse to the line of sight ("velocity roll reference"). Receiver: an alt-azimuth OGS telescope whose decoder's H
/// axis is the elevation axis (horizontal, transverse to the line of sight).</para>
/// </summary>
public static class FrameRotation
{
    private const double RadToDeg = 180.0 / Math.PI;

    /// <summary>
    /// ψ, degrees in (−180, 180]: the angle of the transmitter's H axis in the receiver's (H, V) basis, from H towards V
    /// with V = k × H for propagation direction k, so the free-space part of the channel is the rotator R(ψ).
    /// All vectors in one quasi-inertial frame (TEME): satellite position and velocity, the site's position and its
    /// local vertical.
    /// </summary>
    public static double AngleDegrees(Vec3 satellitePositionKm, Vec3 satelliteVelocityKmPerS, Vec3 sitePositionKm, Vec3 siteUp)
    {
        Vec3 k = Unit(sitePositionKm - satellitePositionKm);
        Vec3 transmitterH = Unit(satelliteVelocityKmPerS - (Vec3.Dot(satelliteVelocityKmPerS, k) * k));
        Vec3 towardsSatellite = -1.0 * k;
        Vec3 receiverH = Unit(Vec3.Cross(siteUp, towardsSatellite));
        Vec3 receiverV = Vec3.Cross(k, receiverH);
        return Math.Atan2(Vec3.Dot(transmitterH, receiverV), Vec3.Dot(transmitterH, receiverH)) * RadToDeg;
    }

    private static Vec3 Unit(Vec3 v)
    {
        double n = v.Norm;
        return n > 0 ? (1.0 / n) * v : throw new ArgumentException("zero vector: the geometry is degenerate (satellite at the zenith or at rest)");
    }
}
