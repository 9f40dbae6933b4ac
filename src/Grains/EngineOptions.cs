using MHA.Grains.Domain;

namespace MHA.Grains;

/// <summary>Tuning of the occupancy engine's grains.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>How long the push notifier coalesces department updates before sending (bounds messages per department per second).</summary>
    public TimeSpan BoardPushInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often hospitals re-send their departments (last-hour counts age out, legacy discharges fall due).</summary>
    public TimeSpan CountsRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a web host renews its board registration; hosts silent for 3 periods are dropped.</summary>
    public TimeSpan BoardHostRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most events in one stream item. Queue-backed streams (the local and azure profiles: Azure Storage queues take
    /// messages up to 64 KiB) need small items; memory streams take large ones.
    /// </summary>
    public int StreamBatchSize { get; set; } = EventIngestorLimits.MaxBatchSize;

    /// <summary>How many grains share the patients' SCD Type 2 histories (a hospital calls each shard once per batch).</summary>
    public int PatientShards { get; set; } = 16;

    public int RememberedEventIds { get; set; } = CensusLimits.Default.RememberedEventIds;

    public int RememberedDepartedPatients { get; set; } = CensusLimits.Default.RememberedDepartedPatients;

    public CensusLimits CensusLimits => new(RememberedEventIds, RememberedDepartedPatients);
}
