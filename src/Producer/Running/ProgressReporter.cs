using System.Globalization;
using MHA.Producer.Simulation;

namespace MHA.Producer.Running;

/// <summary>
/// Counts what was sent and writes a progress line to stderr every couple of seconds: totals, throughput and dirty
/// counts per kind. Never event content: events carry patient ids.
/// </summary>
internal sealed class ProgressReporter(TextWriter output, TimeProvider time, TimeSpan interval)
{
    private readonly long _started = time.GetTimestamp();
    private readonly long[] _dirty = new long[Enum.GetValues<DirtyKind>().Length];
    private long _lastReport = time.GetTimestamp();

    public long Sent { get; private set; }

    public long DirtyCount(DirtyKind kind) => _dirty[(int)kind];

    public void Record(IReadOnlyList<GeneratedEvent> batch)
    {
        Sent += batch.Count;
        foreach (var e in batch)
        {
            if (e.Dirty is { } kind)
            {
                _dirty[(int)kind]++;
            }
        }

        if (time.GetElapsedTime(_lastReport) >= interval)
        {
            _lastReport = time.GetTimestamp();
            output.WriteLine(Line("progress"));
        }
    }

    public void ReportFinal() => output.WriteLine(Line("done"));

    private string Line(string label)
    {
        var seconds = Math.Max(time.GetElapsedTime(_started).TotalSeconds, 1e-3);
        var dirty = string.Join(", ", Enum.GetValues<DirtyKind>().Select(k => $"{k} {_dirty[(int)k]}"));
        return string.Create(CultureInfo.InvariantCulture, $"producer {label}: sent {Sent} events in {seconds:0.0} s ({Sent / seconds:0} events/s); dirty: {dirty}");
    }
}
