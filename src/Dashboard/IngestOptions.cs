namespace MHA.Dashboard;

/// <summary>Limits of HTTP ingest and batch-file uploads.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest request body accepted by <c>POST /api/events</c>; larger ones get 413.</summary>
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest batch file accepted by the landing-zone uploads (<c>PUT /api/landing/…</c>); larger ones get 413.</summary>
    public long MaxUploadBytes { get; set; } = 256L * 1024 * 1024;
}
