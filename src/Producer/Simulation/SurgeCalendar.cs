namespace MHA.Producer.Simulation;

/// <summary>
/// When arrivals surge: winter months (December to February) and weekend evenings (Saturday and Sunday, 18:00–24:00 UTC),
/// the two peaks of the richer original producer. Simulated time is UTC, so the calendar is too.
/// </summary>
internal sealed class SurgeCalendar(double surgeFactor)
{
    public double MaxMultiplier => surgeFactor;

    public static bool IsWinter(DateTimeOffset time) => time.UtcDateTime.Month is 12 or 1 or 2;

    public static bool IsWeekendEvening(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return utc.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && utc.Hour >= 18;
    }

    /// <summary>The arrival-rate multiplier at <paramref name="time"/>; surges do not stack.</summary>
    public double MultiplierAt(DateTimeOffset time) => IsWinter(time) || IsWeekendEvening(time) ? surgeFactor : 1;
}
