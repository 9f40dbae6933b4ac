namespace MHA.Grains.Batch;

/// <summary>Daily EHR batches and department metadata from the landing zone (the <c>landing/</c> folder of the lake storage).</summary>
public sealed class BatchOptions
{
    public const string Section = "Batch";

    /// <summary>Whether the landing zone is watched and the daily run scheduled.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the landing zone is looked at for new extracts and a changed metadata file.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A dropped file is read only once it has not changed for this long (a copy may still be under way).</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time of day (UTC, <c>HH:mm</c>) of the daily run, an Orleans reminder.</summary>
    public TimeOnly DailyAt { get; set; } = new(2, 0);

    /// <summary>Rows handed to ingest at once; a file's rows go in chunks of this size.</summary>
    public int IngestChunkRows { get; set; } = 1000;
}
