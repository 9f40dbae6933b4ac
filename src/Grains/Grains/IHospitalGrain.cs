using MHA.Grains.Catalog;
using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>
/// One hospital (key = hospital id): the sequencer of its event stream and the authority on its bed census.
/// </summary>
public interface IHospitalGrain : IGrainWithIntegerKey
{
    /// <summary>Applies events in order (the stream subscription calls this for every batch).</summary>
    Task ApplyAsync(AdtEventBatch batch);

    /// <summary>The hospital's totals and departments, in one consistent snapshot.</summary>
    Task<HospitalOccupancy> GetOccupancyAsync();

    /// <summary>Bed-level detail of one department (PHI).</summary>
    Task<IReadOnlyList<BedOccupant>> GetBedsAsync(string department);

    Task<AnomalyReport> GetAnomaliesAsync();

    /// <summary>New department metadata (capacity, staffed beds) from the catalog: the board shows it at once.</summary>
    Task ReconfigureDepartmentsAsync(IReadOnlyList<DepartmentInfo> departments);
}
