using MHA.Grains.Domain;

namespace MHA.Grains;

/// <summary>Tuning of the occupancy engine's grains.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>How long the push notifier coalesces department updates before sending (bounds messages per department per second).</summary>
    public TimeSpan BoardPushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How often hospitals re-send their departments (last-hour counts age out, legacy discharges fall due).</summary>
    public TimeSpan CountsRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a web host renews its board registration; hosts silent for 3 periods are dropped.</summary>
    public TimeSpan BoardHostRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a patient grain stays in memory after its last observation. A patient's events are hours apart and its
    /// history is in grain storage, so an idle patient is collected sooner than other grains (Orleans' default is 15
    /// minutes): after a bulk load or a hospital's restore, every patient is active at once until then. Longer than
    /// Orleans' collection quantum (1 minute).
    /// </summary>
    public TimeSpan PatientCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    public int RememberedEventIds { get; set; } = CensusLimits.Default.RememberedEventIds;

    public int RememberedDepartedPatients { get; set; } = CensusLimits.Default.RememberedDepartedPatients;

    public CensusLimits CensusLimits => new(RememberedEventIds, RememberedDepartedPatients);
}
