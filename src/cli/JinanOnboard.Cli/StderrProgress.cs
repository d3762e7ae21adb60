using System.Diagnostics;
using System.Globalization;

namespace JinanOnboard.Cli;

/// <summary>
/// "i/N" progress of a long command on stderr, so stdout (a table or --json) stays the result only. On a terminal one
/// line is rewritten in place; when stderr goes to a file or a pipe, a line is written for the first and last step
/// and at most one a second between them, so a log shows the run moving without a line per step.
/// </summary>
internal sealed class StderrProgress(string what, int total, TextWriter? writer = null, bool? interactive = null)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly TextWriter _writer = writer ?? Console.Error;
    private readonly bool _interactive = interactive ?? !Console.IsErrorRedirected;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastWritten;

    /// <summary>Step <paramref name="done"/> of the total has finished.</summary>
    public void Report(int done)
    {
        long now = Stopwatch.GetTimestamp();
        if (!_interactive && done != 1 && done != total && Stopwatch.GetElapsedTime(_lastWritten, now) < Interval)
        {
            return;
        }

        _lastWritten = now;
        string text = string.Create(CultureInfo.InvariantCulture, $"{what} {done}/{total} ({Stopwatch.GetElapsedTime(_started, now).TotalSeconds:F1} s)");
        if (_interactive)
        {
            _writer.Write("\r" + text + (done == total ? Environment.NewLine : string.Empty));
        }
        else
        {
            _writer.WriteLine(text);
        }
    }
}
