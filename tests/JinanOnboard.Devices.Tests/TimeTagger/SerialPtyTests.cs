using System.Diagnostics;
using System.IO.Ports;
using System.Text.RegularExpressions;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger;

namespace JinanOnboard.Devices.Tests.TimeTagger;

/// <summary>
/// The driver and the simulated TDC over a real serial line: a socat pseudo-terminal pair opened
/// with System.IO.Ports, as a USB-serial TDC would be (termios raw mode, kernel tty buffers).
/// </summary>
public sealed partial class SerialPtyTests
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

    internal sealed partial class PtyPair : IDisposable
    {
        private readonly Process process;

        private PtyPair(Process process, string hostPath, string devicePath)
        {
            this.process = process;
            HostPath = hostPath;
            DevicePath = devicePath;
        }

        public string HostPath { get; }

        public string DevicePath { get; }

        public static PtyPair Start()
        {
            var info = new ProcessStartInfo("socat", "-d -d pty,raw,echo=0 pty,raw,echo=0")
            {
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            Process process;
            try
            {
                process = Process.Start(info) ?? throw new InvalidOperationException("socat did not start");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException("socat not found: install socat (apt-get install socat) to run the serial-line tests", ex);
            }

            var paths = new List<string>();
            var stopwatch = Stopwatch.StartNew();
            while (paths.Count < 2 && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
            {
                string? line = process.StandardError.ReadLine();
                if (line is null)
                {
                    break;
                }

                Match match = PtyLine().Match(line);
                if (match.Success)
                {
                    paths.Add(match.Groups[1].Value);
                }
            }

            if (paths.Count < 2)
            {
                process.Kill();
                process.Dispose();
                throw new InvalidOperationException("socat did not report two pty paths");
            }

            // Keep draining stderr so socat never blocks on a full pipe.
            _ = process.StandardError.ReadToEndAsync();
            return new PtyPair(process, paths[0], paths[1]);
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5_000);
            }

            process.Dispose();
        }

        [GeneratedRegex(@"PTY is (/dev/\S+)")]
        private static partial Regex PtyLine();
    }
}
