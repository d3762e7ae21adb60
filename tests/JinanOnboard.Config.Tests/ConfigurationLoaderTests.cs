using JinanOnboard.Config.Loading;
using JinanOnboard.Config.Model;

namespace JinanOnboard.Config.Tests;

public sealed class ConfigurationLoaderTests
{
    [Fact]
    public void The_default_set_loads_with_the_Jinan1_values()
    {
        FirmwareConfiguration configuration = ConfigurationLoader.Load(null);
        Assert.Equal(300, configuration.Pass.DurationS);
        Assert.Equal(156e6, configuration.Link.Downlink.RateBps);
        Assert.Equal(500_000, configuration.Distillation.PaBlockBits);
        Assert.Equal("Jinan", configuration.Pass.Site);
    }

    [Fact]
    public void The_built_in_default_is_the_same_as_configs_default_json()
    {
        string? directory = ConfigurationLoader.FindConfigsDirectory();
        Assert.NotNull(directory);
        FirmwareConfiguration fromFile = ConfigurationLoader.Parse(File.ReadAllText(Path.Combine(directory, "default.json")), "x");
        using Stream stream = ConfigurationLoader.Assembly.GetManifestResourceStream("JinanOnboard.Config.default.json")!;
        FirmwareConfiguration builtIn = ConfigurationLoader.Parse(new StreamReader(stream).ReadToEnd(), "x");
        Assert.Equal(fromFile.Link.Downlink, builtIn.Link.Downlink with { Outages = fromFile.Link.Downlink.Outages });
        Assert.Equal(fromFile.Distillation, builtIn.Distillation);
        Assert.Equal(fromFile.Pass, builtIn.Pass);
    }

    [Theory]
    [InlineData("""{ "link": { "downlink": { "rate_bps": -5 } } }""", "cfg.json: link.downlink.rate_bps = -5 is out of range [1000, 1E+11]")]
    [InlineData("""{ "link": { "frame_bytes": 100 } }""", "cfg.json: link.frame_bytes = 100 is out of range [256, 16384]")]
    [InlineData("""{ "pass": { "duration_s": "long" } }""", "cfg.json: pass.duration_s must be a number in [1, 3600], found \"long\"")]
    [InlineData("""{ "pass": { "durations": 3 } }""", "cfg.json: pass.durations is not a known setting")]
    [InlineData("""{ "distillation": { "pa_block_bits": 550000 } }""", "cfg.json: distillation.pa_block_bits = 550000 must be a whole number of packets")]
    [InlineData("""{ "distillation": { "packet_bits": 50001, "pa_block_bits": 50001 } }""", "cfg.json: distillation.packet_bits = 50001 must be a multiple of 16")]
    [InlineData("""{ "distillation": { "deviation_bound": "gauss" } }""", "cfg.json: distillation.deviation_bound = \"gauss\" is not one of \"chernoff\", \"hoeffding\"")]
    [InlineData("""{ "link": { "uplink": { "outages": [ { "start_s": 5, "end_s": 2 } ] } } }""", "cfg.json: link.uplink.outages[0].end_s = 2 must be after start_s = 5")]
    [InlineData("""{ "link": { "endpoint": "not a uri" } }""", "cfg.json: link.endpoint = \"not a uri\" is not a URI")]
    [InlineData("""{ "seed": 1, """, "cfg.json: not valid JSON at line")]
    public void Invalid_values_name_the_file_the_key_and_the_allowed_range(string json, string expectedStart)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(json, "cfg.json"));
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Duplication_reordering_and_jitter_are_off_by_default_and_read_per_direction()
    {
        LinkDirectionSettings clear = ConfigurationLoader.Parse("{}", "cfg.json").Link.Uplink;
        Assert.Equal((0.0, 0.0, 0.0), (clear.DuplicateProbability, clear.ReorderProbability, clear.JitterMs));

        FirmwareConfiguration configuration = ConfigurationLoader.Parse(
            """{ "link": { "downlink": { "duplicate_probability": 0.05, "reorder_probability": 0.5, "jitter_ms": 100 } } }""", "cfg.json");
        LinkDirectionSettings down = configuration.Link.Downlink;
        Assert.Equal((0.05, 0.5, 100.0), (down.DuplicateProbability, down.ReorderProbability, down.JitterMs));
        Assert.Equal(0, configuration.Link.Uplink.JitterMs);
    }

    [Theory]
    [InlineData("""{ "link": { "downlink": { "duplicate_probability": 0.6 } } }""", "cfg.json: link.downlink.duplicate_probability = 0.6 is out of range [0, 0.5]")]
    [InlineData("""{ "link": { "uplink": { "reorder_probability": -0.1 } } }""", "cfg.json: link.uplink.reorder_probability = -0.1 is out of range [0, 0.5]")]
    [InlineData("""{ "link": { "uplink": { "jitter_ms": 150 } } }""", "cfg.json: link.uplink.jitter_ms = 150 is out of range [0, 100]")]
    public void Delivery_fault_settings_out_of_range_are_one_line_errors_naming_key_and_range(string json, string expected)
    {
        ConfigurationException error = Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Parse(json, "cfg.json"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_missing_file_or_unknown_set_is_a_clear_error()
    {
        Assert.StartsWith("nowhere/x.json: configuration file not found", Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("nowhere/x.json")).Message, StringComparison.Ordinal);
        Assert.StartsWith("nosuchset: no such configuration file or named set", Assert.Throws<ConfigurationException>(() => ConfigurationLoader.Load("nosuchset")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_directory_is_relative_to_the_configuration_file()
    {
        string directory = Directory.CreateTempSubdirectory("jinan-config-").FullName;
        string file = Path.Combine(directory, "site.json");
        File.WriteAllText(file, """{ "keys": { "directory": "mykeys" } }""");
        Assert.Equal(Path.Combine(directory, "mykeys"), ConfigurationLoader.Load(file).Keys.Directory);
    }

    [Fact]
    public void Comments_in_underscore_keys_are_allowed()
    {
        FirmwareConfiguration configuration = ConfigurationLoader.Parse("""{ "_note": "x", "pass": { "_why": "y", "duration_s": 60 } }""", "c");
        Assert.Equal(60, configuration.Pass.DurationS);
    }
}
