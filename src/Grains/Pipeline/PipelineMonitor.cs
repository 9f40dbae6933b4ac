using System.Collections.Concurrent;

namespace MHA.Grains.Pipeline;

/// <summary>
/// The registry of this silo's pipeline jobs: each job reports its runs here and <c>GET /api/pipeline</c> and the
/// <c>/pipeline</c> page read it. In memory, per silo (maintenance jobs run on the silo holding the lake lease).
/// </summary>
public sealed class PipelineMonitor(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _jobs = new(StringComparer.Ordinal);

    /// <summary>A run of <paramref name="job"/> ended; <paramref name="started"/> null means it took no measurable time.</summary>
    public void Completed(string job, bool succeeded, string? detail, DateTimeOffset? started = null, DateTimeOffset? nextRun = null)
    {
        var now = time.GetUtcNow();
        var entry = _jobs.GetOrAdd(job, _ => new Entry());
        lock (entry)
        {
            entry.LastRunStarted = started ?? now;
            entry.LastRunEnded = now;
            entry.Outcome = succeeded ? "ok" : "failed";
            entry.Detail = detail;
            entry.Runs++;
            if (succeeded) entry.LastSuccess = now;
            else entry.Failures++;
            if (nextRun is not null) entry.NextRun = nextRun;
        }
    }

    /// <summary>The job's next planned run.</summary>
    public void Scheduled(string job, DateTimeOffset? nextRun)
    {
        var entry = _jobs.GetOrAdd(job, _ => new Entry());
        lock (entry) entry.NextRun = nextRun;
    }

    /// <summary>Every known job, in <see cref="PipelineJobs.All"/> order, lag measured now.</summary>
    public IReadOnlyList<PipelineJobStatus> Snapshot()
    {
        var now = time.GetUtcNow();
        return PipelineJobs.All.Select(job =>
        {
            if (!_jobs.TryGetValue(job.Name, out var e)) return new PipelineJobStatus(job.Name, job.Description, null, null, "never", null, null, 0, 0, null, null);
            lock (e)
            {
                return new PipelineJobStatus(job.Name, job.Description, e.LastRunStarted, e.LastRunEnded, e.Outcome, e.Detail, e.NextRun, e.Runs,
                    e.Failures, e.LastSuccess, e.LastSuccess is { } ok ? Math.Round((now - ok).TotalSeconds, 1) : null);
            }
        }).ToArray();
    }

    private sealed class Entry
    {
        public DateTimeOffset? LastRunStarted { get; set; }
        public DateTimeOffset? LastRunEnded { get; set; }
        public string Outcome { get; set; } = "never";
        public string? Detail { get; set; }
        public DateTimeOffset? NextRun { get; set; }
        public long Runs { get; set; }
        public long Failures { get; set; }
        public DateTimeOffset? LastSuccess { get; set; }
    }
}
