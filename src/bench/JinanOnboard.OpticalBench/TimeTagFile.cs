using JinanOnboard.Devices.Simulated.TimeTagger;
using JinanOnboard.Devices.TimeTagger.Ptu;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.OpticalBench;

/// <summary>
/// A file of time tags for `jinan ground --time-tags FILE`: a ground recording (JREC, protocol-spec/recording-seam.md)
/// or a PicoQuant PTU T2 file from a commercial time tagger (protocol-spec/export.md, the layout `jinan export --ptu`
/// writes), told apart by their first bytes, so data from either runs through the OGS chain the same way.
/// </summary>
public sealed class TimeTagFile : ITimeTagSource, IDisposable
{
    private readonly ITimeTagSource _source;
    private readonly IDisposable _owner;

    private TimeTagFile(ITimeTagSource source, IDisposable owner)
    {
        _source = source;
        _owner = owner;
    }

    /// <summary>Tags served so far.</summary>
    public long Served { get; private set; }

    /// <summary>Opens <paramref name="path"/> as whichever of the two it is.</summary>
    /// <exception cref="InvalidDataException">Neither, or a damaged or unsupported file of either (the message says which).</exception>
    public static TimeTagFile Open(string path)
    {
        Span<byte> magic = stackalloc byte[8];
        int read;
        using (FileStream probe = File.OpenRead(path))
        {
            read = probe.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        }

        if (read >= 4 && magic[..4].SequenceEqual("JREC"u8))
        {
            var recording = new RecordedTimeTagSource(path);
            return new TimeTagFile(recording, recording);
        }

        if (read >= 6 && magic[..6].SequenceEqual("PQTTTR"u8))
        {
            PtuReader ptu = PtuReader.Open(path);
            return new TimeTagFile(new PtuSource(ptu), ptu);
        }

        throw new InvalidDataException($"{path} is neither a JinanOnboard recording (JREC) nor a PicoQuant PTU file (PQTTTR)");
    }

    public int Read(Span<TimeTag> destination)
    {
        int read = _source.Read(destination);
        Served += read;
        return read;
    }

    public void Dispose() => _owner.Dispose();

    private sealed class PtuSource(PtuReader reader) : ITimeTagSource
    {
        public int Read(Span<TimeTag> destination) => reader.Read(destination);
    }
}
