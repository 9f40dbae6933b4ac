using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>
/// One department of one hospital (key = <c>"{hospitalId}/{department}"</c>): receives its slice of the census from
/// its hospital, watches its capacity thresholds and pushes its numbers to the board (the bed list is the hospital's).
/// </summary>
public interface IDepartmentGrain : IGrainWithStringKey
{
    Task UpdateAsync(DepartmentState state);

    Task<DepartmentOccupancy?> GetOccupancyAsync();
}
