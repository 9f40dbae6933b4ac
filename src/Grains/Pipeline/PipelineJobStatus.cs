namespace MHA.Grains.Pipeline;

/// <summary>
/// One job as this silo saw it: its last run (start, end, outcome <c>ok</c> / <c>failed</c> / <c>never</c>, a one-line
/// detail), its next planned run (null when continuous or unknown), run counts, and the lag: how long since its last
/// successful run (for real-time ingest: since the last item received).
/// </summary>
public sealed record PipelineJobStatus(
    string Job,
    string Description,
    DateTimeOffset? LastRunStarted,
    DateTimeOffset? LastRunEnded,
    string Outcome,
    string? Detail,
    DateTimeOffset? NextRun,
    long Runs,
    long Failures,
    DateTimeOffset? LastSuccess,
    double? LagSeconds);
