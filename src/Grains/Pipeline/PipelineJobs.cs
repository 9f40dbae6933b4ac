namespace MHA.Grains.Pipeline;

/// <summary>The names of the engine's pipeline jobs, as <c>GET /api/pipeline</c> lists them.</summary>
public static class PipelineJobs
{
    public const string RealtimeIngest = "realtime-ingest";
    public const string EhrBatchWatcher = "ehr-batch-watcher";
    public const string EhrBatchDaily = "ehr-batch-daily";
    public const string DepartmentMetadata = "department-metadata";
    public const string GoldRefresh = "gold-refresh";
    public const string LakeCompaction = "lake-compaction";
    public const string BronzeReplay = "bronze-replay";

    /// <summary>Every job with what it does, in display order.</summary>
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        (RealtimeIngest, "ADT events over HTTP, Event Hubs and the simulated feed (always on)"),
        (EhrBatchWatcher, "EHR extracts ingested as soon as they land in landing/ehr/"),
        (EhrBatchDaily, "daily sweep of landing/ehr/ (Orleans reminder at Batch:DailyAt)"),
        (DepartmentMetadata, "capacity, staffed beds and staff from landing/metadata/departments.json"),
        (GoldRefresh, "Gold star schema after 5 new Silver files, at least every Lake:GoldRefreshMaxInterval"),
        (LakeCompaction, "small Bronze/Silver files merged every Lake:CompactionInterval"),
        (BronzeReplay, "rebuild from another lake's Bronze at start-up (Replay:SourcePath or Replay:SourceContainer)"),
    ];
}
