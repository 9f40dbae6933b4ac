namespace MHA.Producer.Simulation;

/// <summary>An already emitted event's JSON waiting to be sent again, a few events later, as duplicate dirty data.</summary>
internal sealed class PendingDuplicate(int hospitalId, string json, int eventsToWait)
{
    public int HospitalId { get; } = hospitalId;

    public string Json { get; } = json;

    public int EventsToWait { get; set; } = eventsToWait;
}
