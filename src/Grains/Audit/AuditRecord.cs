namespace MHA.Grains.Audit;

/// <summary>
/// One entry of the audit log: who (<paramref name="Actor"/>, the authenticated subject's name or object id, or
/// <c>system:…</c> for the engine itself; never a patient id) did what (<paramref name="Action"/>, one of
/// <see cref="AuditActions"/>) with which outcome (<see cref="AuditOutcomes"/>) to which hospital, department and resource,
/// when. <paramref name="Detail"/> says what changed or why it was denied, in words without patient data.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset OccurredAt,
    string Actor,
    string ActorRole,
    string Action,
    string Outcome,
    int? HospitalId,
    string? Department,
    string Resource,
    string? Detail);
