using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Tests.Parameters;

public sealed class PhysicsParameterSetTests
{
    [Theory]
    [InlineData("jinan1", LinkKind.Downlink)]
    [InlineData("micius-downlink", LinkKind.Downlink)]
    [InlineData("micius-uplink", LinkKind.Uplink)]
    [InlineData("ring-constellation", LinkKind.InterSatellite)]
    public void Every_shipped_set_loads_by_name(string name, LinkKind kind)
    {
        PhysicsParameterSet set = PhysicsParameterSet.Named(name);
        Assert.Equal(name, set.Name);
        Assert.Equal(kind, set.Kind);
        Assert.All(set.Assumed, key => Assert.True(set.Has(key) || set.Text(key) is not null, key));
    }

    [Fact]
    public void Jinan1_holds_the_published_values_and_marks_the_assumed_ones()
    {
        PhysicsParameterSet set = PhysicsParameterSet.Named("jinan1");
        Assert.Equal(850e-9, set.WavelengthM, 1e-15);
        Assert.Equal(625e6, set.Number("source.repetition_rate_hz"));
        Assert.Equal([0.8, 0.1, 0.001], set.Array("source.intensities"));
        Assert.Equal([0.5, 0.25, 0.25], set.Array("source.intensity_probabilities"));
        Assert.Equal(0.28, set.Number("receiver.aperture_m"));
        Assert.Equal(0.49, set.Number("receiver.optical_efficiency"));
        Assert.Equal(0.6, set.Number("receiver.detector_efficiency"));
        Assert.Equal(4, set.Number("receiver.detector_count"));
        Assert.Equal(9500, set.Number("sync.rate_hz"));
        Assert.Equal(500000, set.Number("protocol.pa_block_default_bits"));
        Assert.True(set.IsAssumed("receiver.dark_count_per_s"));
        Assert.True(set.IsAssumed("protocol.failure_probability"));
        Assert.True(set.IsAssumed("source.basis_probabilities"));
        Assert.False(set.IsAssumed("receiver.detector_efficiency"));
    }

    [Fact]
    public void Micius_sets_hold_the_study_values()
    {
        PhysicsParameterSet down = PhysicsParameterSet.Named("micius-downlink");
        Assert.Equal(0.22, down.Number("link.extinction_coefficient"));
        Assert.Equal(1.2, down.Number("receiver.aperture_m"));
        Assert.Equal(3e-6, down.Number("protocol.background_yield"));
        Assert.Equal(1.16, down.Number("protocol.error_correction_inefficiency"));
        PhysicsParameterSet up = PhysicsParameterSet.Named("micius-uplink");
        Assert.Equal(1.7e-14, up.Number("link.ground_cn2_m_minus_2_3"));
        Assert.Equal(5.9, up.Number("link.coupling_loss_db"));
        Assert.Equal(0.15, up.Number("receiver.radius_m"));
    }

    [Theory]
    [InlineData("\"receiver\": { \"detector_efficiency\": 1.5 }", "key 'receiver.detector_efficiency' = 1.5 is outside the allowed range [0, 1]")]
    [InlineData("\"receiver\": { \"detector_eficiency\": 0.5 }", "unknown key 'receiver.detector_eficiency'")]
    [InlineData("\"receiver\": { \"detector_efficiency\": \"high\" }", "key 'receiver.detector_efficiency' must be a finite number")]
    [InlineData("\"source\": { \"wavelength_nm\": 850, \"intensity_probabilities\": [0.5, 0.4] }", "'source.intensity_probabilities' must sum to 1")]
    [InlineData("\"assumed\": [\"receiver.nothing\"]", "'assumed' lists unknown key 'receiver.nothing'")]
    [InlineData("\"orbit\": { \"altitude_km\": 20 }", "key 'orbit.altitude_km' = 20 is outside the allowed range [150, 2000] km")]
    public void Bad_values_name_the_file_the_key_and_the_range(string fragment, string expected)
    {
        string json = "{ \"name\": \"x\", \"link\": { \"kind\": \"uplink\", \"ground_cn2_m_minus_2_3\": 1e-14, \"wind_speed_m_per_s\": 21, \"turbulence_ceiling_km\": 20 },"
            + " \"transmitter\": { \"radius_m\": 0.1 }, " + (fragment.Contains("wavelength", StringComparison.Ordinal) ? string.Empty : "\"source\": { \"wavelength_nm\": 800 }, ")
            + (fragment.Contains("\"receiver\"", StringComparison.Ordinal) ? fragment.Replace("{ ", "{ \"radius_m\": 0.1, ", StringComparison.Ordinal) : "\"receiver\": { \"radius_m\": 0.1 }, " + fragment) + " }";
        ParameterSetException ex = Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Parse(json, "bad.json"));
        Assert.StartsWith("bad.json: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_keys_for_the_link_kind_are_named()
    {
        const string json = "{ \"name\": \"x\", \"link\": { \"kind\": \"downlink\", \"extinction_coefficient\": 0.2, \"pointing_loss_db\": 2 }, \"source\": { \"wavelength_nm\": 800 }, \"receiver\": { \"aperture_m\": 1, \"detector_efficiency\": 0.5, \"optical_efficiency\": 0.5 } }";
        ParameterSetException ex = Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Parse(json, "d.json"));
        Assert.Equal("d.json: required key 'transmitter.divergence_half_angle_urad' is missing (needed by a Downlink set)", ex.Message);
    }

    [Fact]
    public void Bad_json_and_bad_kind_are_one_line_errors()
    {
        Assert.Contains("not valid JSON", Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Parse("{ \"name\": ", "j.json")).Message, StringComparison.Ordinal);
        Assert.Contains("'link.kind' = 'sideways' is not one of downlink, uplink, inter-satellite",
            Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Parse("{ \"name\": \"x\", \"link\": { \"kind\": \"sideways\" } }", "k.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_lists_the_known_sets_and_an_extra_directory_is_searched_first()
    {
        ParameterSetException ex = Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Named("no-such-set"));
        Assert.Contains("jinan1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("micius-uplink", ex.Message, StringComparison.Ordinal);

        string dir = Path.Combine(Path.GetTempPath(), "jinan-physics-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        try
        {
            string root = PhysicsParameterSet.FindRepositoryRoot(AppContext.BaseDirectory)!;
            string text = File.ReadAllText(Path.Combine(root, "configs/physics/jinan1.json")).Replace("\"name\": \"jinan1\"", "\"name\": \"mine\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(dir, "jinan1.json"), text);
            Assert.Equal("mine", PhysicsParameterSet.Named("jinan1", dir).Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        ParameterSetException ex = Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Load("/nonexistent/set.json"));
        Assert.StartsWith("/nonexistent/set.json: cannot read parameter set", ex.Message, StringComparison.Ordinal);
    }
}
