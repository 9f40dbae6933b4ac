namespace MHA.Dashboard;

/// <summary>Limits of HTTP ingest.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted by <c>POST /api/events</c>; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;
}
