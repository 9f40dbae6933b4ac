namespace MHA.Grains.Batch;

/// <summary>One sweep of the landing zone: files ingested, skipped as already processed, rejected whole, or failed (tried again next run).</summary>
public sealed record BatchRunResult(string Trigger, int Ingested, int Skipped, int Rejected, int Failed, int EventsAccepted, int ItemsRejected)
{
    public string Summary => $"{Ingested} ingested, {Skipped} already processed, {Rejected} rejected, {Failed} failed; {EventsAccepted} events accepted, {ItemsRejected} rows quarantined";
}
