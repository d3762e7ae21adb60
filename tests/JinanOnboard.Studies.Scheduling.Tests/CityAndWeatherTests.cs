using JinanOnboard.Studies.Scheduling.Cities;
using JinanOnboard.Studies.Scheduling.Keys;
using JinanOnboard.Studies.Scheduling.Weather;

namespace JinanOnboard.Studies.Scheduling.Tests;

public sealed class CityAndWeatherTests
{
    [Fact]
    public void The_network_has_the_eleven_cities_weighted_by_population()
    {
        Assert.Equal(11, CityNetwork.All.Count);
        Assert.Equal(1.0, CityNetwork.All.Sum(c => c.Weight), 12);
        // Shanghai 24.87 of 144.22 million.
        Assert.Equal(24.87 / 144.22, CityNetwork.All.Single(c => c.Name == "Shanghai").Weight, 12);
    }

    [Fact]
    public void A_selection_renormalises_and_an_unknown_city_is_named()
    {
        IReadOnlyList<SchedulingCity> two = CityNetwork.Select("beijing, xian");
        Assert.Equal(["Beijing", "Xi'an"], two.Select(c => c.Name));
        Assert.Equal(21.89 / (21.89 + 12.95), two[0].Weight, 12);

        UnknownCityException e = Assert.Throws<UnknownCityException>(() => CityNetwork.Select("Beijing,Atlantis"));
        Assert.Contains("'Atlantis'", e.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownCityException>(() => CityNetwork.Select("Jinan,jinan"));
    }

    [Fact]
    public void Clouds_are_drawn_per_night_reproducibly_and_blank_the_key_of_overcast_nights()
    {
        KeyTable table = TestTables.Passes(60_480, 3, 30, 3);
        var a = new CloudCover(table.Window, table.Cities, 42);
        var b = new CloudCover(table.Window, table.Cities, 42);
        var c = new CloudCover(table.Window, table.Cities, 43);

        Assert.Equal(a.Nights, b.Nights);
        Assert.NotEqual(a.Nights.Select(n => n.Clear), c.Nights.Select(n => n.Clear));
        // A week touches 8 local noon-to-noon nights per city.
        Assert.Equal(8, a.Nights.Count(n => n.City == table.Cities[0].Name));

        KeyTable cloudy = a.Apply(table);
        for (int m = 0; m < table.Intervals; m += 7)
        {
            for (int n = 0; n < table.CityCount; n++)
            {
                Assert.Equal(a.IsOvercast(m, n) ? 0 : table[m, n], cloudy[m, n]);
            }
        }
    }

    [Fact]
    public void Each_city_s_weather_ignores_which_other_cities_are_scheduled()
    {
        var window = new ScheduleWindow(TestTables.Start, 60_480);
        var all = new CloudCover(window, CityNetwork.All, 5);
        var one = new CloudCover(window, CityNetwork.Select("Lhasa"), 5);

        Assert.Equal(one.Nights, all.Nights.Where(n => n.City == "Lhasa"));
    }
}
