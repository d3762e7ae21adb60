using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>A driver bound to a simulated TDC over a given stream pair, with test helpers.</summary>
internal sealed class TdcSession : IAsyncDisposable
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    private readonly CancellationTokenSource power = new();

    public TdcSession(Stream hostStream, Stream deviceStream, ITimeTagSource source, SimulatedTimeTaggerOptions? options = null)
    {
        Simulator = new SimulatedTimeTagger(deviceStream, source, options);
        DeviceRun = Task.Run(() => Simulator.RunAsync(power.Token));
        Driver = new TimeTaggerDevice(hostStream);
    }

    public SimulatedTimeTagger Simulator { get; }

    public TimeTaggerDevice Driver { get; }

    public Task DeviceRun { get; }

    public static TdcSession InMemory(ITimeTagSource source, SimulatedTimeTaggerOptions? options = null, Func<Stream, Stream>? wrapHost = null)
    {
        (Stream host, Stream device) = DuplexPipe.CreatePair();
        return new TdcSession(wrapHost is null ? host : wrapHost(host), device, source, options);
    }

    /// <summary>Cuts the simulated device's power: its end of the link closes.</summary>
    public async Task PowerOffAsync()
    {
        await power.CancelAsync();
        await DeviceRun.WaitAsync(TestTimeout);
    }

    /// <summary>Reads until a tag at or after <paramref name="lastTimePs"/> arrives.</summary>
    public async Task<List<TimeTag>> ReadThroughAsync(long lastTimePs)
    {
        var all = new List<TimeTag>();
        var buffer = new TimeTag[300];
        while (all.Count == 0 || all[^1].TimePs < lastTimePs)
        {
            int n = await Driver.ReadTagsAsync(buffer).AsTask().WaitAsync(TestTimeout);
            Assert.True(n > 0, "stream ended early");
            all.AddRange(buffer.AsSpan(0, n));
        }

        return all;
    }

    public static TimeTag[] Ramp(int count, long startPs, long stepPs, int channels = 5)
    {
        var tags = new TimeTag[count];
        for (int i = 0; i < count; i++)
        {
            tags[i] = new TimeTag(i % channels, startPs + (i * stepPs));
        }

        return tags;
    }

    public async ValueTask DisposeAsync()
    {
        await Driver.DisposeAsync();
        await power.CancelAsync();
        try
        {
            await DeviceRun.WaitAsync(TestTimeout);
        }
        finally
        {
            power.Dispose();
        }
    }
}
