namespace MHA.Grains.Lake;

/// <summary>Where the lake lives and how often it is flushed, refreshed and compacted.</summary>
public sealed class LakeOptions
{
    public const string Section = "Lake";

    /// <summary><c>Local</c> (a folder, the embedded default) or <c>Blob</c> (Azure Blob Storage / ADLS Gen2).</summary>
    public string Backend { get; set; } = "Local";

    /// <summary>Folder of the local lake, relative to the working directory.</summary>
    public string LocalPath { get; set; } = "data/lake";

    /// <summary>Blob: a connection string (Azurite or an account key). Secret: configuration or Key Vault only.</summary>
    public string? BlobConnectionString { get; set; }

    /// <summary>Blob: account URL (<c>https://account.blob.core.windows.net</c>), signed in with DefaultAzureCredential.</summary>
    public string? BlobAccountUrl { get; set; }

    public string Container { get; set; } = "lake";

    /// <summary>Buffered rows are written at least this often.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Durable profiles: ingest and the hospital grains wait until their rows are written before they acknowledge (group
    /// commit), so a crash loses nothing that was acknowledged. Off in the embedded profile, where rows are buffered up to
    /// <see cref="FlushInterval"/> and a graceful stop flushes them.
    /// </summary>
    public bool CommitBeforeAcknowledge { get; set; }

    /// <summary>How long a commit waits for more rows to join the same write.</summary>
    public TimeSpan CommitDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// This writer's id in the lake's sequence numbers (0..255): every silo writing one lake needs its own. Unset, the
    /// embedded profile uses the silo's instance id and the durable profiles lease a free id from the cluster.
    /// </summary>
    public int? WriterId { get; set; }

    /// <summary>…or as soon as this many rows are buffered.</summary>
    public int FlushMaxRows { get; set; } = 20_000;

    /// <summary>
    /// Most rows the writer holds unwritten. Beyond it, ingest is refused with 503 and Retry-After (backpressure) until
    /// flushes catch up, so memory stays bounded when the lake is slow or unwritable.
    /// </summary>
    public int MaxBufferedRows { get; set; } = 200_000;

    /// <summary>Gold refreshes once this many new Silver files have landed (the original Data Factory rule)…</summary>
    public int GoldRefreshFileThreshold { get; set; } = 5;

    /// <summary>…and at least this often when anything new landed.</summary>
    public TimeSpan GoldRefreshMaxInterval { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often small files of a partition are merged.</summary>
    public TimeSpan CompactionInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A partition with at least this many small files is compacted.</summary>
    public int CompactionMinFiles { get; set; } = 10;

    /// <summary>Files smaller than this count as small (Synapse prefers 100 MB+).</summary>
    public long CompactionSmallFileBytes { get; set; } = 100L * 1024 * 1024;
}
