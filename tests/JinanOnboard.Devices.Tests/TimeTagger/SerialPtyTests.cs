using System.IO.Ports;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger;
using JinanOnboard.Devices.Tests.Serial;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>
/// The driver and the simulated TDC over a real serial line: a socat pseudo-terminal pair opened
/// with System.IO.Ports, as a USB-serial TDC would be (termios raw mode, kernel tty buffers).
/// </summary>
public sealed class SerialPtyTests
{
    private static readonly TimeSpan Timeout = TdcSession.TestTimeout;

    [Fact]
    public async Task Driver_and_simulated_tdc_talk_over_a_socat_pty_pair()
    {
        using PtyPair pair = PtyPair.Start();
        using var hostPort = new SerialPort(pair.HostPath, 921_600);
        using var devicePort = new SerialPort(pair.DevicePath, 921_600);
        hostPort.Open();
        devicePort.Open();
        TimeTag[] tags = TdcSession.Ramp(20_000, 5_000_000, 1_600);

        await using (var session = new TdcSession(hostPort.BaseStream, devicePort.BaseStream, new ArrayTimeTagSource(tags)))
        {
            TimeTaggerIdentity identity = await session.Driver.IdentifyAsync().WaitAsync(Timeout);
            await session.Driver.ConfigureAsync(new TimeTaggerConfiguration(0b11111, [-400, -400, -400, -400, 300])).WaitAsync(Timeout);
            await session.Driver.StartAsync().WaitAsync(Timeout);
            List<TimeTag> received = await session.ReadThroughAsync(tags[^1].TimePs);
            TimeTaggerStreamSummary summary = await session.Driver.StopAsync().WaitAsync(Timeout);

            Assert.Equal("JinanSim TDC-5", identity.Model);
            Assert.Equal(300, session.Simulator.GetThresholdMv(4));
            Assert.Equal(tags, received);
            Assert.Equal(20_000UL, summary.TagsSent);
            Assert.Equal(0, session.Driver.Statistics.CorruptBatches);
        }
    }
}
