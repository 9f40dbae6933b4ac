namespace MHA.Grains.Contracts;

/// <summary>Occupancy KPI arithmetic: occupied ÷ staffed beds, as a percentage with one decimal.</summary>
public static class OccupancyMath
{
    public static double Percent(int occupied, int staffedBeds) =>
        staffedBeds <= 0 ? 0 : Math.Round(100.0 * occupied / staffedBeds, 1, MidpointRounding.AwayFromZero);
}
