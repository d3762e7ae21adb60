using JinanOnboard.QuantumChannel.Profiles;
using JinanOnboard.QuantumChannel.Simulation;

namespace JinanOnboard.QuantumChannel.Tests;

public sealed class ProfileTests
{
    [Fact]
    public void Overhead_pass_geometry_is_symmetric_with_range_equal_to_altitude_at_zenith()
    {
        var pass = new ElevationShapedChannelProfile(new ElevationPassParameters { MaxElevationDeg = 90, AltitudeKm = 500 });
        double mid = pass.WindowSeconds / 2;

        Assert.Equal(10.0, pass.ElevationDegAt(0), 6);
        Assert.Equal(10.0, pass.ElevationDegAt(pass.WindowSeconds), 6);
        Assert.Equal(90.0, pass.ElevationDegAt(mid), 4);
        Assert.Equal(500.0, pass.RangeKmAt(mid), 3);
        Assert.Equal(pass.OneWayDelaySecondsAt(mid - 100), pass.OneWayDelaySecondsAt(mid + 100), 12);

        // A 500 km orbit stays above 10 deg for roughly 7-8 minutes on an overhead pass.
        Assert.InRange(pass.WindowSeconds, 400, 520);
    }

    [Fact]
    public void Transmittance_peaks_at_culmination_and_follows_the_link_budget()
    {
        var parameters = new ElevationPassParameters();
        var pass = new ElevationShapedChannelProfile(parameters);
        double mid = pass.WindowSeconds / 2;

        Assert.Equal(parameters.MaxElevationDeg, pass.ElevationDegAt(mid), 4);
        Assert.True(pass.TransmittanceAt(mid) > 5 * pass.TransmittanceAt(1));

        // models.md section 2 by hand at culmination.
        double rangeM = pass.RangeKmAt(mid) * 1000;
        double phi = parameters.DivergenceMicroradians * 1e-6;
        double omega2 = Math.Pow(parameters.WavelengthNm * 1e-9 / (Math.PI * phi), 2) + Math.Pow(phi * rangeM, 2);
        double geometric = 1 - Math.Exp(-parameters.ReceiverApertureM * parameters.ReceiverApertureM / (2 * omega2));
        double atmosphere = Math.Exp(-parameters.ExtinctionCoefficient / Math.Sin(parameters.MaxElevationDeg * Math.PI / 180));
        double expected = geometric * atmosphere * parameters.ReceiverOpticalEfficiency * Math.Pow(10, -parameters.PointingLossDb / 10);
        Assert.Equal(expected, pass.TransmittanceAt(mid), expected * 1e-9);
    }

    [Fact]
    public void Impossible_pass_geometry_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new ElevationShapedChannelProfile(new ElevationPassParameters { MaxElevationDeg = 5 }));
        Assert.Throws<ArgumentException>(() => new ElevationShapedChannelProfile(new ElevationPassParameters { AltitudeKm = 0 }));
    }

    [Fact]
    public void Time_shift_moves_the_origin()
    {
        var pass = new ElevationShapedChannelProfile(new ElevationPassParameters());
        var shifted = new TimeShiftedChannelProfile(pass, 100);
        Assert.Equal(pass.TransmittanceAt(150), shifted.TransmittanceAt(50));
        Assert.Equal(pass.OneWayDelaySecondsAt(150), shifted.OneWayDelaySecondsAt(50));
    }
}
