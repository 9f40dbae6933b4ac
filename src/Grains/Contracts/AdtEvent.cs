namespace MHA.Grains.Contracts;

/// <summary>
/// One admission, transfer, discharge or update, typed and cleaned: canonical department, UTC timestamps,
/// the data-quality flags of every rule that touched it, and the attributes the contract does not name.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AdtEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required AdtEventType Type { get; init; }
    [Id(2)] public required DateTimeOffset EventTime { get; init; }
    [Id(3)] public required string PatientId { get; init; }
    [Id(4)] public required int HospitalId { get; init; }
    [Id(5)] public string? Department { get; init; }
    [Id(6)] public string? BedId { get; init; }
    [Id(7)] public string? FromDepartment { get; init; }
    [Id(8)] public string? FromBedId { get; init; }
    [Id(9)] public string? Gender { get; init; }

    /// <summary>A valid age (0..120) or null; an invalid one is in <see cref="RawAge"/>.</summary>
    [Id(10)] public int? Age { get; init; }
    [Id(11)] public int? RawAge { get; init; }
    [Id(12)] public string? InsuranceType { get; init; }
    [Id(13)] public DateTimeOffset? AdmissionTime { get; init; }
    [Id(14)] public DateTimeOffset? DischargeTime { get; init; }
    [Id(15)] public EventShape Shape { get; init; }
    [Id(16)] public required DateTimeOffset ReceivedAt { get; init; }
    [Id(17)] public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>Attributes outside the contract, as raw JSON text by name. Never dropped.</summary>
    [Id(18)] public IReadOnlyDictionary<string, string> Extras { get; init; } = EmptyExtras;

    /// <summary>True when the event carried no time at all and <see cref="EventTime"/> is its receipt time.</summary>
    [Id(19)] public bool EventTimeFromReceipt { get; init; }

    /// <summary>The Bronze row this event was read from (its ingest sequence number; 0 before the lake saw it).</summary>
    [Id(20)] public long BronzeSeq { get; init; }

    /// <summary>Where it came from: <c>http</c>, <c>simulated-feed</c>, <c>batch</c>, <c>eventhubs</c>.</summary>
    [Id(21)] public string Source { get; init; } = "";

    /// <summary>The request id, file, or Event Hubs partition/offset it came in.</summary>
    [Id(22)] public string SourceRef { get; init; } = "";

    private static readonly IReadOnlyDictionary<string, string> EmptyExtras = new Dictionary<string, string>();
}
