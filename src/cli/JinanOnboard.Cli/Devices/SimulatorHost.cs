using System.Globalization;
using System.Net;
using System.Net.Sockets;
using JinanOnboard.Control.Configuration;
using JinanOnboard.Devices.Profiles;
using JinanOnboard.Devices.Serial;
using JinanOnboard.Devices.Simulated.Elliptec;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Cli.Devices;

/// <summary>
/// Device simulators served the way the real controllers are reached: the E-727 on a TCP port, an E-727 or an Elliptec
/// bus on a serial line (one end of a socat pty pair). One place for `jinan devices simulate` (one simulator) and
/// `jinan devices serve` (every addressed device of a profile).
/// </summary>
internal static class SimulatorHost
{
    /// <summary>Starts a simulated E-727 listening on <paramref name="endpoint"/> (an IP address; port 0 picks one).</summary>
    /// <param name="plant">The mirror behind the controller (travel, resonance, damping); null: the model's settle ramp.</param>
    /// <exception cref="UserErrorException">Not an IP address, or the port cannot be bound (exit 1).</exception>
    public static Served ServeE727OnTcp(TcpAddress endpoint, string option, MirrorSettings? plant = null)
    {
        string host = endpoint.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out IPAddress? address))
        {
            throw new UserErrorException($"{option}: expected tcp://IP:PORT (port 0 for any), got '{endpoint}'.");
        }

        SimulatedE727TcpServer server;
        try
        {
            server = new SimulatedE727TcpServer(NewE727(plant), address, endpoint.Port);
        }
        catch (SocketException error)
        {
            throw new UserErrorException($"{option} {endpoint}: {error.Message}", ExitCodes.Failure);
        }

        return new Served($"tcp://{endpoint.Host}:{server.Port.ToString(CultureInfo.InvariantCulture)}", server.Device, server);
    }

    /// <summary>
    /// Serves <paramref name="kind"/> on the serial device <paramref name="path"/>: an E-727, or an Elliptec bus with one
    /// ELL14 per address of <paramref name="elliptecAddresses"/>.
    /// </summary>
    /// <exception cref="UserErrorException">The port cannot be opened (exit 1).</exception>
    public static Served ServeOnSerial(DeviceKind kind, string path, IReadOnlyList<int> elliptecAddresses, string option, MirrorSettings? plant = null)
    {
        int baud = kind == DeviceKind.Ell14 ? DeviceSettings.ElliptecBaudRate : DeviceSettings.E727SerialBaudRate;
        OpenSerialLine port;
        try
        {
            port = SerialLine.Open(path, baud);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UserErrorException($"{option} {path}: {error.Message.Split('\n')[0]}", ExitCodes.Failure);
        }

        var power = new CancellationTokenSource();
        SimulatedE727? e727 = null;
        Task run;
        if (kind == DeviceKind.Ell14)
        {
            var bus = new SimulatedElliptecBus(port.Stream);
            foreach (int address in elliptecAddresses)
            {
                bus.AddEll14(address, SimulatedBusFactory.Ell14SerialNumber(address));
            }

            run = bus.RunAsync(power.Token);
        }
        else
        {
            e727 = NewE727(plant);
            run = SimulatedE727Session.RunAsync(e727, port.Stream, power.Token);
        }

        return new Served($"{path} at {baud.ToString(CultureInfo.InvariantCulture)} baud", e727, new SerialSession(port, power, run));
    }

    /// <summary>
    /// An E-727 model; with <paramref name="plant"/>, its travel is the mirror's range and its POS? the mirror's
    /// second-order mechanics on this process's clock (<see cref="E727ServoPlant"/>), the plant the bench uses in process.
    /// </summary>
    private static SimulatedE727 NewE727(MirrorSettings? plant)
    {
        if (plant is null)
        {
            return new SimulatedE727();
        }

        double rangeMrad = plant.RangeUrad / 1000.0;
        var device = new SimulatedE727(new SimulatedE727Options { MinPosition = -rangeMrad, MaxPosition = rangeMrad });
        E727ServoPlant.Attach(device, plant.ResonanceHz, plant.DampingRatio);
        return device;
    }

    /// <summary>A running simulator: where it answers, the E-727 model when it is one, and what stops it.</summary>
    internal sealed class Served(string address, SimulatedE727? e727, IAsyncDisposable running) : IAsyncDisposable
    {
        public string Address { get; } = address;

        /// <summary>The E-727 model (its command count tells a test the firmware drove it), null for an Elliptec bus.</summary>
        public SimulatedE727? E727 { get; } = e727;

        public ValueTask DisposeAsync() => running.DisposeAsync();
    }

    /// <summary>Stops a serial simulator: cancel, close the port (a serial read may not watch the token), wait for it.</summary>
    private sealed class SerialSession(OpenSerialLine port, CancellationTokenSource power, Task run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await power.CancelAsync();
            port.Owner.Dispose();
            await run.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            power.Dispose();
        }
    }
}
