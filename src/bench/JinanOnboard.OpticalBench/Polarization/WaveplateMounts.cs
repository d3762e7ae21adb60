using JinanOnboard.Devices.Profiles;
using JinanOnboard.Devices.Waveplates;
using JinanOnboard.Devices.Waveplates.Elliptec;

namespace JinanOnboard.OpticalBench.Polarization;

/// <summary>
/// A side's waveplate mounts as the bench uses them: the rotators the firmware moves (always the real ELL14 driver) and
/// where the light finds each plate. A mount the HIL profile puts on a serial line (a real ELL14, or a simulator in
/// another process behind a pty) is driven there, and the light takes the angle the device last reported (its reply to
/// a move, home or position request: the bench cannot see inside a real mount); the others are simulated ELL14s on an
/// in-process line (<see cref="BenchElliptecLine"/>), whose true angle the light takes.
/// </summary>
public sealed class WaveplateMounts : IAsyncDisposable
{
    /// <summary>How long opening a profile mount's serial line may take.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(2);

    private readonly IReadOnlyList<Func<double>> _angles;
    private readonly List<IAsyncDisposable> _owned;

    private WaveplateMounts(IReadOnlyList<IWaveplateRotator> rotators, IReadOnlyList<Func<double>> angles, List<IAsyncDisposable> owned)
    {
        Rotators = rotators;
        _angles = angles;
        _owned = owned;
    }

    /// <summary>The mounts in the order of the addresses asked for.</summary>
    public IReadOnlyList<IWaveplateRotator> Rotators { get; }

    /// <summary>Where the light finds plate <paramref name="index"/>, degrees.</summary>
    public double AngleDegrees(int index) => _angles[index]();

    /// <summary>
    /// Mounts at <paramref name="addresses"/>; <paramref name="devices"/> gives, per address, the profile entry that puts
    /// it on a serial line, or null for a simulated one. Entries on the same serial path share one bus (a multi-drop line).
    /// </summary>
    /// <exception cref="DeviceBusException">A serial line could not be opened.</exception>
    public static WaveplateMounts Open(IReadOnlyList<int> addresses, IReadOnlyList<DeviceEntry?> devices, string serialPrefix, bool realtime)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(devices);
        var owned = new List<IAsyncDisposable>();
        try
        {
            int[] simulated = [.. addresses.Where((_, i) => devices[i] is null)];
            BenchElliptecLine? line = simulated.Length == 0 ? null : BenchElliptecLine.Open(simulated, serialPrefix, realtime);
            if (line is not null)
            {
                owned.Add(line);
            }

            var lines = new Dictionary<string, ElliptecBus>(StringComparer.Ordinal);
            var rotators = new IWaveplateRotator[addresses.Count];
            var angles = new Func<double>[addresses.Count];
            for (int i = 0, s = 0; i < addresses.Count; i++)
            {
                if (devices[i] is not { } entry)
                {
                    int k = s++;
                    rotators[i] = line!.Rotators[k];
                    angles[i] = () => line.Modules[k].AngleDegrees;
                    continue;
                }

                string path = entry.Serial?.PortName ?? throw new DeviceBusException($"{entry.Id}: an ell14 mount needs a serial line");
                if (!lines.TryGetValue(path, out ElliptecBus? bus))
                {
                    DeviceBuses buses = new HardwareBusFactory().OpenAsync(entry, OpenTimeout).AsTask().GetAwaiter().GetResult();
                    owned.Add(buses);
                    bus = new ElliptecBus(buses.Stream!, shouldDispose: false);
                    owned.Add(bus);
                    lines[path] = bus;
                }

                var reported = new ReportedAngle(new ProbedEll14(bus, entry.Settings.ElliptecAddress));
                rotators[i] = reported;
                angles[i] = () => reported.LastDegrees;
            }

            return new WaveplateMounts(rotators, angles, owned);
        }
        catch
        {
            DisposeAllAsync(owned).AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(_owned);

    private static async ValueTask DisposeAllAsync(List<IAsyncDisposable> owned)
    {
        // Buses before the lines they carry: a driver waiting on a reply is released by its bus closing.
        for (int i = owned.Count - 1; i >= 0; i--)
        {
            await owned[i].DisposeAsync();
        }

        owned.Clear();
    }

    /// <summary>A device's mount, remembering the angle it last reported (0, its home, before it has said anything).</summary>
    private sealed class ReportedAngle(IWaveplateRotator device) : IWaveplateRotator
    {
        private double _lastDegrees;

        public double LastDegrees => Volatile.Read(ref _lastDegrees);

        public string Identity => device.Identity;

        public async ValueTask HomeAsync(CancellationToken cancellationToken = default)
        {
            await device.HomeAsync(cancellationToken);
            Volatile.Write(ref _lastDegrees, await device.GetAngleAsync(cancellationToken));
        }

        public async ValueTask<double> MoveToAsync(double angleDegrees, CancellationToken cancellationToken = default)
        {
            double reached = await device.MoveToAsync(angleDegrees, cancellationToken);
            Volatile.Write(ref _lastDegrees, reached);
            return reached;
        }

        public async ValueTask<double> GetAngleAsync(CancellationToken cancellationToken = default)
        {
            double angle = await device.GetAngleAsync(cancellationToken);
            Volatile.Write(ref _lastDegrees, angle);
            return angle;
        }
    }
}
