using JinanOnboard.Runtime.Plan;
using JinanOnboard.Firmware.Tests.Harness;
using JinanOnboard.Config.Loading;
using JinanOnboard.Runtime.Hosting;
using JinanOnboard.Runtime.Link;
using JinanOnboard.Protocol.Delivery;
using JinanOnboard.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

namespace JinanOnboard.Firmware.Tests.Hosting;

/// <summary>
/// A component whose inbound handler throws something other than a malformed-message error ends that side with status
/// "failed" and the error, promptly — before this, the routing loop died unobserved and the side waited for ever.
/// </summary>
public sealed class HandlerFaultTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "jinan-fault-" + Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_throwing_handler_fails_its_side_with_the_error_instead_of_hanging()
    {
        string keys = Path.Combine(_root, "keys");
        KeyDirectory.Create(keys, force: true);
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        FirmwareRunOptions Options(FirmwareRole role, string endpoint) => new()
        {
            Plan = TestPlans.Resolve(role, Path.Combine(_root, role.ToString()), new RunOverrides { Endpoint = endpoint, KeyDirectory = keys }),
            OnListening = e => listening.TrySetResult(e),
        };

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        Task<FirmwareResult> ground = FirmwareSessionRunner.RunAsync(FirmwareRole.Ground, Options(FirmwareRole.Ground, $"memory://fault-{Guid.NewGuid():N}"), new ThrowingTopology(), NullLogger.Instance, cancellationToken: stop.Token);
        string endpoint = await listening.Task.WaitAsync(stop.Token);
        Task<FirmwareResult> payload = FirmwareSessionRunner.RunAsync(
            FirmwareRole.Payload, Options(FirmwareRole.Payload, endpoint), new SendingTopology(), NullLogger.Instance, cancellationToken: stop.Token);

        FirmwareResult groundResult = await ground.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("failed", groundResult.Status);
        Assert.Contains("handling an inbound message failed: component fault for the test", groundResult.Error, StringComparison.Ordinal);
        FirmwareResult payloadResult = await payload.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual("completed", payloadResult.Status);
    }

    /// <summary>Ground side: its telemetry handler throws on the first message.</summary>
    private sealed class ThrowingTopology : IFirmwareTopology
    {
        public void Wire(FirmwareContext context) =>
            context.Link.Inbound(Apids.Telemetry).ConnectTo((InboundMessage _, CancellationToken _) =>
                throw new InvalidOperationException("component fault for the test"));

        public async Task<double> RunAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public IReadOnlyDictionary<string, object> Details() => new Dictionary<string, object>();
    }

    /// <summary>Payload side: sends one telemetry message, then waits for the end.</summary>
    private sealed class SendingTopology : IFirmwareTopology
    {
        private FirmwareContext? _context;

        public void Wire(FirmwareContext context) => _context = context;

        public async Task<double> RunAsync(CancellationToken cancellationToken)
        {
            await _context!.Link.SendAsync(new OutboundMessage(Apids.Telemetry, 1, [1, 2, 3], Reliable: true), cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public IReadOnlyDictionary<string, object> Details() => new Dictionary<string, object>();
    }
}
