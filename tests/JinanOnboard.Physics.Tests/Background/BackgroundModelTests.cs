using JinanOnboard.Physics.Background;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Tests.Background;

public sealed class BackgroundModelTests
{
    private static readonly SkyConditions MoonlessUrban = new(0, -30, 120, UrbanSky: true);

    [Fact]
    public void Jinan1_moonless_urban_background_is_dark_counts_plus_the_radiometric_sky()
    {
        var model = new BackgroundModel(PhysicsParameterSet.Named("jinan1"));
        // N = L A Ω Δλ η / (hc/λ) / 4 with L = 3.9e-9 + 1.55e-8, A = π 0.14², Ω = π (30e-6)², Δλ = 4 nm, η = 0.49 · 0.6.
        double photonJ = 6.62607015e-34 * 299792458.0 / 850e-9;
        double sky = (3.9e-9 + 1.55e-8) * Math.PI * 0.14 * 0.14 * Math.PI * 30e-6 * 30e-6 * 4 * 0.49 * 0.6 / photonJ / 4;
        Assert.Equal(100 + sky, model.CountsPerSPerDetector(MoonlessUrban), 1e-9);
        Assert.InRange(sky, 1, 100); // a few counts per second: dark counts dominate on a moonless night
    }

    [Fact]
    public void Moon_raises_the_background_and_sharply_so_near_the_line_of_sight()
    {
        var model = new BackgroundModel(PhysicsParameterSet.Named("jinan1"));
        double dark = model.CountsPerSPerDetector(MoonlessUrban);
        double fullMoonFar = model.CountsPerSPerDetector(new SkyConditions(1, 60, 90, true));
        double fullMoonNear = model.CountsPerSPerDetector(new SkyConditions(1, 60, 3, true));
        double halfMoonFar = model.CountsPerSPerDetector(new SkyConditions(0.5, 60, 90, true));
        Assert.True(fullMoonFar > dark);
        Assert.Equal(10 * (fullMoonFar - dark), fullMoonNear - dark, 1e-6);
        Assert.Equal(0.5 * (fullMoonFar - dark), halfMoonFar - dark, 1e-6);
        Assert.Equal(dark, model.CountsPerSPerDetector(new SkyConditions(1, -5, 3, true)));
    }

    [Fact]
    public void Rural_sky_drops_the_urban_glow()
    {
        var model = new BackgroundModel(PhysicsParameterSet.Named("jinan1"));
        Assert.True(model.CountsPerSPerDetector(MoonlessUrban with { UrbanSky = false }) < model.CountsPerSPerDetector(MoonlessUrban));
    }

    [Fact]
    public void Study_sets_without_radiometry_use_the_background_yield()
    {
        var model = new BackgroundModel(PhysicsParameterSet.Named("micius-downlink"));
        // Y0 = 3e-6 per pulse at 200 MHz = 600 counts/s, one detector assumed.
        Assert.Equal(600, model.CountsPerSPerDetector(MoonlessUrban), 1e-9);
    }
}
