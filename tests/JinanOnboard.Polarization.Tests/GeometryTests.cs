using JinanOnboard.Polarization.Geometry;
using JinanOnboard.Polarization.Jones;

namespace JinanOnboard.Polarization.Tests;

public sealed class GeometryTests
{
    [Fact]
    public void The_table_has_one_sample_per_pass_second_and_the_OGS_plate_is_half_the_rotation_plus_the_offset()
    {
        PassFrameRotationTable table = PassFrameRotationTable.Build(TestChannels.Pass(), hwpOffsetDegrees: 3);

        Assert.Equal(301, table.Count);
        Assert.Equal((table.FrameRotationDegrees[120] / 2) + 3, table.HalfWaveDegreesAt(120), 12);
    }

    [Fact]
    public void The_rotation_is_antisymmetric_about_culmination_and_near_zero_at_it()
    {
        // Symmetric pass (but for the Earth's rotation, which skews it by a few per cent of the swing): the frame turns
        // one way before culmination and on the same way after it, by mirror-equal amounts.
        PassFrameRotationTable table = PassFrameRotationTable.Build(TestChannels.Pass(60, 400));
        double atCulmination = table.FrameRotationDegreesAt(200);

        Assert.True(Math.Abs(Math.IEEERemainder(atCulmination, 180)) < 5, $"ψ at culmination {atCulmination:F2}°");
        foreach (int tau in new[] { 10, 30, 80, 150 })
        {
            double before = table.FrameRotationDegreesAt(200 - tau) - atCulmination;
            double after = table.FrameRotationDegreesAt(200 + tau) - atCulmination;
            Assert.True(Math.Abs(before + after) < 0.5 + (0.1 * Math.Abs(after)), $"τ = {tau} s: {before:F2}° before, {after:F2}° after");
            Assert.True(Math.Abs(after) > 1, $"τ = {tau} s: the frame should turn, turned {after:F2}°");
        }
    }

    [Fact]
    public void A_higher_pass_turns_the_frame_faster_near_culmination()
    {
        static double Swing(double elevation)
        {
            PassFrameRotationTable table = PassFrameRotationTable.Build(TestChannels.Pass(elevation, 120));
            return Math.Abs(table.FrameRotationDegreesAt(90) - table.FrameRotationDegreesAt(30));
        }

        Assert.True(Swing(80) > Swing(40), $"80°: {Swing(80):F1}°, 40°: {Swing(40):F1}°");
    }

    [Fact]
    public void With_the_OGS_plate_following_the_free_space_part_is_constant_over_the_pass()
    {
        PassFrameRotationTable table = PassFrameRotationTable.Build(TestChannels.Pass());
        JonesMatrix first = table.FreeSpaceJones(0, table.HalfWaveDegreesAt(0));

        for (int t = 0; t <= 300; t += 25)
        {
            Assert.Equal(1.0, JonesMatrix.ProcessFidelity(first, table.FreeSpaceJones(t, table.HalfWaveDegreesAt(t))), 12);
        }
    }
}
