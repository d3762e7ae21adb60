using System.IO.Ports;
using JinanOnboard.Devices.Mirrors;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;
using JinanOnboard.Devices.Tests.Serial;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>The E-727 binding and the simulated controller over a real serial line (a socat pty pair, System.IO.Ports).</summary>
public sealed class PiE727SerialPtyTests
{
    private static readonly TimeSpan Timeout = E727Session.TestTimeout;

    [Fact]
    public async Task The_mirror_connects_moves_and_reads_back_over_a_pty_serial_line()
    {
        using PtyPair pair = PtyPair.Start();
        using var hostPort = new SerialPort(pair.HostPath, 115_200);
        using var devicePort = new SerialPort(pair.DevicePath, 115_200);
        hostPort.Open();
        devicePort.Open();
        var simulator = new SimulatedE727(new SimulatedE727Options { SettleTime = TimeSpan.Zero });
        using var stop = new CancellationTokenSource();
        Task serve = SimulatedE727Session.RunAsync(simulator, devicePort.BaseStream, stop.Token);

        await using (var controller = new PiE727Controller(hostPort.BaseStream, $"E-727 {pair.HostPath}", shouldDispose: false))
        {
            PiE727Mirror mirror = await PiE727Mirror.ConnectAsync(controller).WaitAsync(Timeout);
            await mirror.MoveAsync(333.5, -21).AsTask().WaitAsync(Timeout);
            TipTiltPosition position = await mirror.ReadPositionAsync().AsTask().WaitAsync(Timeout);

            Assert.Equal(333.5, position.XMicroradians, 6);
            Assert.Equal(-21, position.YMicroradians, 6);
        }

        await stop.CancelAsync();
        devicePort.Close();
        try
        {
            await serve.WaitAsync(Timeout);
        }
        catch (OperationCanceledException)
        {
            // The session ends on the cancelled or closed port either way; what matters is that it ends.
        }
    }
}
