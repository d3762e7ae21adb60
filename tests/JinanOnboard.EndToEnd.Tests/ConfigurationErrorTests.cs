namespace JinanOnboard.EndToEnd.Tests;

/// <summary>
/// Every configuration error is caught while the run plan is resolved, before a side listens or connects:
/// one line naming the key and what is allowed, exit code 2, no stack trace, nothing listening.
/// </summary>
public sealed class ConfigurationErrorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static string PhysicsWith(string directory, string find, string replace)
    {
        string root = JinanProcess.RepositoryRoot;
        string text = File.ReadAllText(Path.Combine(root, "configs", "physics", "jinan1.json"));
        Assert.Contains(find, text, StringComparison.Ordinal);
        string physics = Path.Combine(directory, "bad-physics.json");
        File.WriteAllText(physics, text.Replace(find, replace, StringComparison.Ordinal));
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, $$"""{ "physics": "{{physics}}" }""");
        return config;
    }

    public static TheoryData<string, string, string, string> BadPhysics => new()
    {
        { "ground", "\"intensities\": [0.8, 0.1, 0.001]", "\"intensities\": [-0.8, 0.1, 0.001]", "source.intensities" },
        { "payload", "\"intensity_probabilities\": [0.5, 0.25, 0.25]", "\"intensity_probabilities\": [1.5, 0.25, 0.25]", "source.intensity_probabilities" },
        { "bench", "\"intensities\": [0.8, 0.1, 0.001]", "\"intensities\": [-0.8, 0.1, 0.001]", "source.intensities" },
    };

    [Theory]
    [MemberData(nameof(BadPhysics))]
    public async Task A_bad_physics_value_is_one_line_before_anything_listens(string verb, string find, string replace, string key)
    {
        string directory = JinanProcess.NewDirectory();
        string config = PhysicsWith(directory, find, replace);

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, verb, "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, key);
    }

    [Theory]
    [InlineData("ground")]
    [InlineData("bench")]
    public async Task An_unknown_physics_set_is_named(string verb)
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, """{ "physics": "nosuchset" }""");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, verb, "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, "nosuchset");
    }

    [Theory]
    [InlineData("ground", "--out")]
    [InlineData("ground", "--result")]
    [InlineData("payload", "--out")]
    [InlineData("bench", "--out")]
    public async Task An_unwritable_output_is_one_line_before_anything_listens(string verb, string option)
    {
        string directory = JinanProcess.NewDirectory();
        string blocker = Path.Combine(directory, "a-file");
        File.WriteAllText(blocker, "not a directory");
        string target = option == "--out" ? Path.Combine(blocker, "out") : Path.Combine(blocker, "result.json");
        string[] arguments = option == "--out"
            ? [verb, "--out", target]
            : [verb, "--out", Path.Combine(directory, "out"), option, target];

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, arguments);

        AssertOneLineUsageError(run, option);
    }

    [Theory]
    [InlineData("ground", "--seed", "-1", "--seed = -1 is not an unsigned 64-bit integer")]
    [InlineData("payload", "--seed", "seven", "--seed = seven is not an unsigned 64-bit integer")]
    [InlineData("ground", "--duration-s", "0", "--duration-s = 0 is out of range [1, 3600]")]
    [InlineData("bench", "--seed", "-1", "--seed = -1 is not an unsigned 64-bit integer")]
    public async Task A_bad_value_names_the_option_and_the_allowed_range(string verb, string option, string value, string line)
    {
        string directory = JinanProcess.NewDirectory();

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, verb, option, value, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, line);
        Assert.DoesNotContain("System.", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_tag_file_that_is_neither_a_recording_nor_PTU_is_one_line_before_anything_listens()
    {
        string directory = JinanProcess.NewDirectory();
        string tags = Path.Combine(directory, "tags.csv");
        File.WriteAllText(tags, "channel,time_ps\n0,1000\n");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "ground", "--time-tags", tags, "--out", Path.Combine(directory, "out"));

        // After the line that says where the keys and the result go, one error line; nothing listened.
        Assert.Equal(2, run.ExitCode);
        string[] errors = [.. run.StandardError.Trim().Split('\n').Where(l => !l.Contains("keys go to", StringComparison.Ordinal))];
        Assert.Equal($"jinan ground: --time-tags: {tags} is neither a JinanOnboard recording (JREC) nor a PicoQuant PTU file (PQTTTR)", Assert.Single(errors));
        Assert.DoesNotContain("listening", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_configuration_key_is_named()
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, """{ "pass": { "min_elevation": 10 } }""");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "ground", "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, "pass.min_elevation");
    }

    [Fact]
    public async Task A_reconciliation_policy_out_of_range_is_named()
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, """{ "distillation": { "reconciliation": { "max_qber": 0.3, "qber_margin": 0.25 } } }""");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "payload", "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, "distillation.reconciliation.qber_margin = 0.25 is out of range");
    }

    [Fact]
    public async Task An_apt_gain_out_of_range_in_the_physics_set_is_named_before_the_bench_starts()
    {
        string directory = JinanProcess.NewDirectory();
        var physics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(JinanProcess.RepositoryRoot, "configs", "physics", "jinan1.json")))!;
        physics["apt"]!["payload"]!["fine_ki_per_s"] = 1e7;
        string physicsPath = Path.Combine(directory, "gain.json");
        File.WriteAllText(physicsPath, physics.ToJsonString());
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new { physics = physicsPath }));

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, "key 'apt.payload.fine_ki_per_s' = 10000000 is outside the allowed range [0, 100000] 1/s");
    }

    [Fact]
    public async Task A_pass_window_below_the_minimum_elevation_is_refused()
    {
        string directory = JinanProcess.NewDirectory();
        string config = Path.Combine(directory, "run.json");
        File.WriteAllText(config, """{ "pass": { "duration_s": 600, "synthetic_max_elevation_deg": 30, "min_elevation_deg": 20 } }""");

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "ground", "--config", config, "--out", Path.Combine(directory, "out"));

        AssertOneLineUsageError(run, "below pass.min_elevation_deg = 20");
    }

    /// <summary>A supervisor reads the result file: a configuration error is there too, with the same text as the one line.</summary>
    [Theory]
    [InlineData("ground", "--out")]
    [InlineData("payload", "--out")]
    [InlineData("ground", "--result")]
    public async Task A_configuration_error_is_also_written_to_the_result_file(string verb, string option)
    {
        string directory = JinanProcess.NewDirectory();
        string output = Path.Combine(directory, "out");
        string resultPath = option == "--out" ? Path.Combine(output, "result.json") : Path.Combine(directory, "elsewhere", "r.json");
        string[] arguments = option == "--out"
            ? [verb, "--seed", "-1", "--out", output]
            : [verb, "--seed", "-1", "--out", output, "--result", resultPath];

        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, arguments);

        AssertOneLineUsageError(run, "--seed = -1 is not an unsigned 64-bit integer");
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(resultPath));
        Assert.Equal("configuration_error", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(verb, document.RootElement.GetProperty("role").GetString());
        Assert.Equal(run.StandardError.Trim(), $"jinan {verb}: {document.RootElement.GetProperty("error").GetString()}");
    }

    /// <summary>Exit code 2 and one line holding <paramref name="expected"/>, no stack trace, nothing listened (shared by the CLI tests).</summary>
    internal static void AssertOneLineUsageError(JinanProcess.Result run, string expected)
    {
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.StandardError.Trim().Split('\n');
        Assert.True(lines.Length == 1, $"expected one line, got:\n{run.StandardError}");
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", run.StandardOutput, StringComparison.Ordinal); // nothing listened or connected
    }
}
