using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>
/// One department of one hospital (key = <c>"{hospitalId}/{department}"</c>): receives its slice of the census from
/// its hospital, serves its bed list and pushes its numbers to the board.
/// </summary>
public interface IDepartmentGrain : IGrainWithStringKey
{
    Task UpdateAsync(DepartmentState state);

    Task<DepartmentOccupancy?> GetOccupancyAsync();

    Task<IReadOnlyList<BedOccupant>> GetBedsAsync();
}
