using MHA.Grains.Lake;

namespace MHA.Grains.Audit;

/// <summary>
/// The append-only audit log in the lake (<c>audit/audit_log/audit_date=YYYY-MM-DD/</c>, docs/security.md): who viewed
/// which hospital's or department's bed-level data, who changed configuration, when. Rows go through the lake writer's
/// buffer and flush like every other table, into new files only; nothing rewrites, compacts or deletes them. With
/// <see cref="LakeOptions.CommitBeforeAcknowledge"/> (the durable profiles) <see cref="RecordAsync"/> returns only once
/// the row is written, so a caller that answers after it never shows data whose view is not audited.
/// </summary>
public sealed class AuditLog(LakeWriter lake, TimeProvider time)
{
    /// <summary>
    /// Appends <paramref name="record"/>. Waits for the lake writer to be ready, and in the durable profiles for the row's
    /// commit (a group commit shared with concurrent callers); a failing lake makes it wait until a flush succeeds or
    /// <paramref name="cancellationToken"/> fires (the row stays buffered and is written later either way).
    /// </summary>
    public async Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.ActorRole);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Action);
        ArgumentException.ThrowIfNullOrWhiteSpace(record.Resource);
        if (record.OccurredAt == default) throw new ArgumentException("OccurredAt is required.", nameof(record));
        if (!AuditOutcomes.IsKnown(record.Outcome))
        {
            throw new ArgumentException($"Outcome must be '{AuditOutcomes.Allowed}' or '{AuditOutcomes.Denied}'.", nameof(record));
        }

        // Before the writer knows where its sequence continues, a number could repeat one already in the lake.
        await lake.WhenReady.WaitAsync(cancellationToken);
        lake.AppendAudit(AuditRow.Of(record, time.GetUtcNow()));
        if (lake.CommitBeforeAcknowledge) await lake.CommitAsync(cancellationToken);
    }
}
