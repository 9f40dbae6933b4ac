using MHA.Grains.Ingestion;

namespace MHA.Grains.Batch;

/// <summary>
/// A daily EHR extract read whole: its kind and the items it turns into (events as JSON in the standard shape, or a
/// row's error), or the reason the whole file is rejected. <see cref="ReceivedItem.Index"/> is the row's line number.
/// </summary>
public sealed record EhrExtract(EhrExtractKind? Kind, IReadOnlyList<ReceivedItem> Items, int Rows, string? RejectReason)
{
    public bool Rejected => RejectReason is not null;

    public static EhrExtract Reject(string reason, EhrExtractKind? kind = null) => new(kind, [], 0, reason);
}
