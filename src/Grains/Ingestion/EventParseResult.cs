using MHA.Grains.Contracts;

namespace MHA.Grains.Ingestion;

/// <summary>The outcome of reading one received item: a placed event, or the reason it cannot be placed.</summary>
public readonly record struct EventParseResult(AdtEvent? Event, string? RejectReason, string? EventId)
{
    public bool Accepted => Event is not null;

    public static EventParseResult Ok(AdtEvent e) => new(e, null, e.EventId);

    public static EventParseResult Reject(string reason, string? eventId = null) => new(null, reason, eventId);
}
