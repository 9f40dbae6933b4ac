using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

public sealed class SurgeCalendarTests
{
    private static readonly SurgeCalendar Calendar = new(3);

    [Theory]
    [InlineData("2026-01-14T10:00:00Z", 3)] // winter weekday
    [InlineData("2026-12-02T03:00:00Z", 3)] // winter
    [InlineData("2026-06-10T20:00:00Z", 1)] // summer Wednesday evening
    [InlineData("2026-06-13T20:00:00Z", 3)] // summer Saturday evening
    [InlineData("2026-06-14T18:00:00Z", 3)] // summer Sunday evening
    [InlineData("2026-06-13T12:00:00Z", 1)] // summer Saturday noon
    public void Multiplier_follows_winter_and_weekend_evenings(string time, double expected) =>
        Assert.Equal(expected, Calendar.MultiplierAt(DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Winter_brings_more_admissions_than_summer()
    {
        static int AdmissionsInTwoWeeks(DateTimeOffset start)
        {
            var options = new TrafficOptions { Seed = 2, Start = start, Dirty = DirtyDataRates.None, InitialOccupancy = 0.3 };
            return new AdtTrafficGenerator(GeneratedStreams.Catalog, options)
                .TakeWhile(e => e.EventTime < start.AddDays(14))
                .Count(e => e.EventTime > start && e.Json.Contains("\"ADMISSION\"", StringComparison.Ordinal));
        }

        var winter = AdmissionsInTwoWeeks(new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero));
        var summer = AdmissionsInTwoWeeks(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.True(winter > summer * 1.1, $"winter {winter}, summer {summer}");
    }

    [Fact]
    public void Calm_periods_hover_near_the_target_occupancy()
    {
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var simulation = new TrafficSimulation(GeneratedStreams.Catalog, new TrafficOptions { Seed = 5, Start = start, Dirty = DirtyDataRates.None });
        var samples = new List<double>();
        var nextSample = start.AddDays(10);
        foreach (var e in simulation.Run())
        {
            if (e.EventTime < nextSample)
            {
                continue;
            }

            samples.Add(simulation.Wards.Average(w => w.Occupancy));
            nextSample = nextSample.AddHours(6);
            if (samples.Count == 80)
            {
                break;
            }
        }

        Assert.InRange(samples.Average(), 0.72, 0.88);
        Assert.All(simulation.Wards, w => Assert.InRange(w.Occupied, 0, w.Info.Capacity));
    }
}
