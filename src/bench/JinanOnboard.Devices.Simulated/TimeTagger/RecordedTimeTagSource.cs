using JinanOnboard.Primitives.Recording;
using JinanOnboard.Primitives.TimeTags;

namespace JinanOnboard.Devices.Simulated.TimeTagger;

/// <summary>
/// The time tags of a ground recording (protocol-spec/recording-seam.md, stream <c>time-tags</c>) in recorded order, for a
/// simulated time tagger that serves them to the OGS's real driver: `jinan ground --time-tags FILE` and `jinan replay`.
/// Tags are read through <see cref="TimeTagRecords"/> (every record layout), one recorded batch at a time.
/// </summary>
public sealed class RecordedTimeTagSource : ITimeTagSource, IDisposable
{
    private readonly RecordingReader _reader;
    private readonly IEnumerator<RecordedUnit> _units;
    private TimeTag[] _batch = new TimeTag[4096];
    private int _count;
    private int _at;

    /// <exception cref="InvalidDataException">Not a readable recording.</exception>
    public RecordedTimeTagSource(string path)
    {
        _reader = RecordingReader.Open(path);
        _units = _reader.ReadAll().GetEnumerator();
    }

    /// <summary>Tags served so far.</summary>
    public long Served { get; private set; }

    public int Read(Span<TimeTag> destination)
    {
        int written = 0;
        while (written < destination.Length)
        {
            if (_at == _count && !NextBatch())
            {
                break;
            }

            int n = Math.Min(destination.Length - written, _count - _at);
            _batch.AsSpan(_at, n).CopyTo(destination[written..]);
            _at += n;
            written += n;
        }

        Served += written;
        return written;
    }

    private bool NextBatch()
    {
        while (_units.MoveNext())
        {
            RecordedUnit unit = _units.Current;
            if (unit.Stream != "time-tags")
            {
                continue;
            }

            int count = TimeTagRecords.Count(unit);
            if (_batch.Length < count)
            {
                _batch = new TimeTag[count];
            }

            _count = TimeTagRecords.Read(unit, _batch);
            _at = 0;
            if (_count > 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        _units.Dispose();
        _reader.Dispose();
    }
}
