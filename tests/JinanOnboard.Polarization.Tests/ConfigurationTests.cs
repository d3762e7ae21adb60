using System.Text.Json;
using System.Text.Json.Nodes;
using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Polarization.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void The_default_set_carries_the_polarization_section_with_its_assumptions_marked()
    {
        PolarizationSettings settings = PolarizationSettings.From(TestChannels.Physics);

        Assert.Equal(25, settings.TargetContrastDb);
        Assert.Equal(25, settings.SourceContrastDb);
        Assert.True(TestChannels.Physics.IsAssumed("polarization.fibre_drift_rad_per_k"));
        Assert.Equal(625_000_000, settings.ToCalibrationSettings().PulsesPerState);
    }

    [Theory]
    [InlineData("target_contrast_db", "70", "'polarization.target_contrast_db' = 70 is outside the allowed range [10, 50] dB")]
    [InlineData("waveplate_backlash_deg", "-1", "'polarization.waveplate_backlash_deg' = -1 is outside the allowed range [0, 1] deg")]
    [InlineData("calibration_step_s", "0", "'polarization.calibration_step_s' = 0 is outside the allowed range [0.001, 60] s")]
    [InlineData("no_such_key", "1", "unknown key 'polarization.no_such_key'")]
    public void An_out_of_range_value_is_one_line_naming_the_key_and_its_range(string key, string value, string expected)
    {
        var error = Assert.Throws<ParameterSetException>(() => Parse($"\"{key}\": {value}"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_fractional_iteration_count_is_refused_by_name()
    {
        PhysicsParameterSet set = Parse("\"calibration_max_iterations\": 2.5");

        var error = Assert.Throws<ParameterSetException>(() => PolarizationSettings.From(set));
        Assert.Contains("'polarization.calibration_max_iterations' = 2.5 must be a whole number", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The shipped jinan1 set with one polarization key replaced or added.</summary>
    private static PhysicsParameterSet Parse(string polarizationEntry)
    {
        JsonObject root = JsonNode.Parse(File.ReadAllText(TestChannels.Physics.SourcePath), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true })!.AsObject();
        var entry = JsonNode.Parse("{" + polarizationEntry + "}")!.AsObject().Single();
        root["polarization"]![entry.Key] = entry.Value!.DeepClone();
        return PhysicsParameterSet.Parse(root.ToJsonString(), "test.json");
    }
}
