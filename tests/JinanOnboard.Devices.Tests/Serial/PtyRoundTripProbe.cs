using Xunit.Abstractions;
using System.Diagnostics;
using System.IO.Ports;
using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Tests.Serial;

public sealed class PtyRoundTripProbe(ITestOutputHelper output)
{
    [Fact]
    public async Task Baseline_serial_port_both_ends()
    {
        using PtyPair pair = PtyPair.Start();
        using var hostPort = new SerialPort(pair.HostPath, 115_200);
        using var devicePort = new SerialPort(pair.DevicePath, 115_200);
        hostPort.Open();
        devicePort.Open();
        var simulator = new SimulatedE727(new SimulatedE727Options { SettleTime = TimeSpan.Zero });
        using var stop = new CancellationTokenSource();
        Task serve = SimulatedE727Session.RunAsync(simulator, devicePort.BaseStream, stop.Token);
        await using var controller = new PiE727Controller(hostPort.BaseStream, "e727", shouldDispose: false);
        string[] axes = ["1", "2"];
        double[] pos = new double[2];
        var us = new double[2000];
        for (int i = 0; i < 100; i++) await controller.GetPositionsAsync(axes, pos);
        for (int i = 0; i < us.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await controller.GetPositionsAsync(axes, pos);
            us[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }
        Array.Sort(us);
        output.WriteLine($"POS? over pty SerialPort: p50 {us[1000]:0} us p99 {us[1980]:0} us max {us[^1]:0} us mean {us.Average():0} us");
        await stop.CancelAsync();
        devicePort.Close();
    }
    [Fact]
    public async Task Tty_both_ends()
    {
        using PtyPair pair = PtyPair.Start();
        using var hostPort = JinanOnboard.Devices.Serial.TtyStream.Open(pair.HostPath, 115_200);
        using var devicePort = JinanOnboard.Devices.Serial.TtyStream.Open(pair.DevicePath, 115_200);
                        var simulator = new SimulatedE727(new SimulatedE727Options { SettleTime = TimeSpan.Zero });
        using var stop = new CancellationTokenSource();
        Task serve = SimulatedE727Session.RunAsync(simulator, devicePort, stop.Token);
        await using var controller = new PiE727Controller(hostPort, "e727", shouldDispose: false);
        string[] axes = ["1", "2"];
        double[] pos = new double[2];
        var us = new double[2000];
        for (int i = 0; i < 100; i++) await controller.GetPositionsAsync(axes, pos);
        for (int i = 0; i < us.Length; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await controller.GetPositionsAsync(axes, pos);
            us[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }
        Array.Sort(us);
        output.WriteLine($"POS? over pty TtyStream: p50 {us[1000]:0} us p99 {us[1980]:0} us max {us[^1]:0} us mean {us.Average():0} us");
        await stop.CancelAsync();
        devicePort.Dispose();
    }
}
