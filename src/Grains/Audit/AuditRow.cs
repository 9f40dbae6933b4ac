using MHA.Grains.Lake.Parquet;

namespace MHA.Grains.Audit;

/// <summary>
/// An <see cref="AuditRecord"/> as stored in <c>audit/audit_log</c>: with its unique <c>audit_id</c> (a time-ordered
/// UUID), the writer's ingest sequence number (which names the file and orders the rows; <c>ingest_seq &amp; 255</c> is
/// the silo that wrote it) and when the engine took it. Text is cut to the lengths the Synapse view declares.
/// </summary>
public sealed record AuditRow(
    string AuditId,
    long IngestSeq,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string Actor,
    string ActorRole,
    string Action,
    string Outcome,
    int? HospitalId,
    string? Department,
    string Resource,
    string? Detail)
{
    /// <summary>Most characters kept of the actor, role/action/department, resource and detail; the Synapse view declares 4 UTF-8 bytes per character.</summary>
    public const int ActorChars = 200, ShortChars = 50, ResourceChars = 400, DetailChars = 2000;

    public static readonly ParquetTable<AuditRow> Table = new ParquetTable<AuditRow>()
        .String("audit_id", r => r.AuditId)
        .Long("ingest_seq", r => r.IngestSeq)
        .Timestamp("occurred_at", r => r.OccurredAt)
        .Timestamp("recorded_at", r => r.RecordedAt)
        .String("actor", r => r.Actor)
        .String("actor_role", r => r.ActorRole)
        .String("action", r => r.Action)
        .String("outcome", r => r.Outcome)
        .Int("hospital_id", r => r.HospitalId)
        .String("department", r => r.Department)
        .String("resource", r => r.Resource)
        .String("detail", r => r.Detail);

    /// <summary>A record taken at <paramref name="recordedAt"/>; the sequence number is stamped when the lake writer takes the row.</summary>
    public static AuditRow Of(AuditRecord record, DateTimeOffset recordedAt) => new(
        Guid.CreateVersion7(recordedAt).ToString(),
        0,
        record.OccurredAt,
        recordedAt,
        Cut(record.Actor, ActorChars)!,
        Cut(record.ActorRole, ShortChars)!,
        Cut(record.Action, ShortChars)!,
        record.Outcome,
        record.HospitalId,
        Cut(record.Department, ShortChars),
        Cut(record.Resource, ResourceChars)!,
        Cut(record.Detail, DetailChars));

    private static string? Cut(string? text, int chars) => text is null || text.Length <= chars ? text : text[..(chars - 1)] + "…";
}
