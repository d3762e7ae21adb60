using System.Text.Json;

namespace JinanOnboard.EndToEnd.Tests;

/// <summary>After a completed pass the payload reports what became of every packet, the same outcome as the ground.</summary>
public sealed class PacketOutcomeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Every_payload_packet_has_the_grounds_outcome_and_none_is_pending_after_a_completed_pass()
    {
        string output = JinanProcess.NewDirectory();
        JinanProcess.Result run = await JinanProcess.RunAsync(Timeout, "bench", "--duration-s", "40", "--out", output, "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.StandardError}");

        Dictionary<int, string> payload = Outcomes(Path.Combine(output, "payload.json"));
        Dictionary<int, string> ground = Outcomes(Path.Combine(output, "ground.json"));
        Assert.NotEmpty(payload);
        Assert.Equal(ground.Keys.Order(), payload.Keys.Order());
        foreach ((int id, string outcome) in payload)
        {
            Assert.True(outcome != "Pending", $"payload packet {id} is still Pending after a completed pass");
            Assert.True(ground[id] == outcome, $"packet {id}: payload {outcome}, ground {ground[id]}");
        }
    }

    private static Dictionary<int, string> Outcomes(string resultPath)
    {
        using JsonDocument result = JsonDocument.Parse(File.ReadAllText(resultPath));
        Assert.Equal("completed", result.RootElement.GetProperty("status").GetString());
        return result.RootElement.GetProperty("details").GetProperty("packets").EnumerateArray()
            .ToDictionary(p => p.GetProperty("packet_id").GetInt32(), p => p.GetProperty("outcome").GetString()!);
    }
}
