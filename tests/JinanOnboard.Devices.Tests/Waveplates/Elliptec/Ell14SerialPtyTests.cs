using System.IO.Ports;
using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Tests.Serial;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.Devices.Tests.Waveplates.Elliptec;

/// <summary>The ELL14 driver and the simulated modules over a real serial line: a socat pty pair at 9600 8N1.</summary>
public sealed class Ell14SerialPtyTests
{
    [Fact]
    public async Task Driver_and_simulated_modules_talk_over_a_socat_pty_pair()
    {
        using PtyPair pair = PtyPair.Start();
        using var hostPort = new SerialPort(pair.HostPath, 9600, Parity.None, 8, StopBits.One);
        using var devicePort = new SerialPort(pair.DevicePath, 9600, Parity.None, 8, StopBits.One);
        hostPort.Open();
        devicePort.Open();

        var session = new ElliptecSession(hostPort.BaseStream, devicePort.BaseStream, ElliptecSession.FastOptions with { ReplyTimeout = TimeSpan.FromSeconds(1) });
        await using (session)
        {
            SimulatedEll14 hwp = session.AddFastEll14(0xB, "11400042");
            session.AddFastEll14(0xC, "11400043");
            Ell14Rotator rotator = await Ell14Rotator.OpenAsync(session.Bus, 0xB).AsTask().WaitAsync(ElliptecSession.TestTimeout);
            await rotator.HomeAsync().AsTask().WaitAsync(ElliptecSession.TestTimeout);
            double reached = await rotator.MoveToAsync(90).AsTask().WaitAsync(ElliptecSession.TestTimeout);

            Assert.Equal("11400042", rotator.Info.SerialNumber);
            Assert.Equal(143_360, rotator.PulsesPerRevolution);
            Assert.Equal(90.0, reached);
            Assert.Equal(90.0, hwp.AngleDegrees);
            Assert.Equal(0, session.Bus.Retries);
        }
    }
}
