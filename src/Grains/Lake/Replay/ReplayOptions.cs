namespace MHA.Grains.Lake.Replay;

/// <summary>
/// Rebuilding a lake from another lake's Bronze: at start-up the silo reads every Bronze row of the source, in ingest
/// order, and ingests it again as it was received (same payload bytes, source and receive time). Silver, quarantine,
/// Gold and the board are rebuilt by the engine's current rules. The lake written to must hold no Bronze yet.
/// </summary>
public sealed class ReplayOptions
{
    public const string Section = "Replay";

    /// <summary>Source lake in a local folder (the embedded profile's <c>Lake:LocalPath</c> of the old lake).</summary>
    public string? SourcePath { get; set; }

    /// <summary>Source lake in a Blob container of the same account as <c>Lake:</c> (Blob backend).</summary>
    public string? SourceContainer { get; set; }

    /// <summary>Most Bronze rows ingested in one call (rows of one original request stay together up to this size).</summary>
    public int BatchSize { get; set; } = 1_000;

    public bool Enabled => !string.IsNullOrWhiteSpace(SourcePath) || !string.IsNullOrWhiteSpace(SourceContainer);
}
