using JinanOnboard.Orbit.Sites;

namespace JinanOnboard.Orbit.Tests.Sites;

public sealed class GroundSiteTests
{
    [Fact]
    public void Catalogue_has_the_four_stations_and_eleven_cities()
    {
        Assert.Equal(["Jinan", "Hefei", "Wuhan", "Nanshan"], GroundSiteCatalog.Stations.Select(s => s.Name));
        Assert.Equal(11, GroundSiteCatalog.SchedulingCities.Count);
        Assert.Equal(11, GroundSiteCatalog.SchedulingCityPopulationMillions.Count);
        Assert.All(GroundSiteCatalog.Stations, s => Assert.True(s.HeightAssumed));
    }

    [Fact]
    public void Jinan_station_converts_degrees_minutes_seconds()
    {
        // system.md: 36°40'38"N, 117°07'21"E.
        GroundSite jinan = GroundSite.Parse("jinan");
        Assert.Equal(36 + (40 / 60.0) + (38 / 3600.0), jinan.Position.LatitudeDeg, 12);
        Assert.Equal(117 + (7 / 60.0) + (21 / 3600.0), jinan.Position.LongitudeDeg, 12);
    }

    [Fact]
    public void City_prefix_and_punctuation_free_names_find_cities()
    {
        Assert.Equal(36.651, GroundSite.Parse("city:Jinan").Position.LatitudeDeg);
        Assert.Equal("Xi'an", GroundSite.Parse("XIAN").Name);
        Assert.Equal(3650, GroundSite.Parse("Lhasa").Position.HeightM);
    }

    [Fact]
    public void Coordinates_parse_with_invariant_culture_and_east_longitudes_above_180_wrap()
    {
        GroundSite s = GroundSite.Parse(" 43.5, 270.25 , 1200.5 ");
        Assert.Equal(43.5, s.Position.LatitudeDeg);
        Assert.Equal(-89.75, s.Position.LongitudeDeg);
        Assert.Equal(1200.5, s.Position.HeightM);
    }

    [Theory]
    [InlineData("91,0,0", "latitude 91 deg is outside [-90, 90]")]
    [InlineData("-90.5,0,0", "latitude -90.5 deg is outside")]
    [InlineData("10,400,0", "longitude 400 deg is outside")]
    [InlineData("10,20,12000", "height 12000 m is outside")]
    [InlineData("10,20", "three numbers")]
    [InlineData("10,abc,0", "longitude 'abc' is not a number")]
    [InlineData("Atlantis", "unknown site 'Atlantis'")]
    [InlineData("", "site is empty")]
    [InlineData("NaN,0,0", "latitude 'NaN' is not a number")]
    public void Impossible_sites_give_one_clear_line(string text, string expected)
    {
        FormatException ex = Assert.Throws<FormatException>(() => GroundSite.Parse(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
