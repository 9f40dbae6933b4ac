using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

public sealed class DirtyDataTests
{
    private const int EventCount = 60_000;

    private static readonly List<GeneratedEvent> DefaultDirtyStream = GeneratedStreams.Take(new TrafficOptions { Seed = 8 }, EventCount);

    private static readonly HashSet<string> StandardFields =
    [
        "event_id", "event_type", "event_time", "patient_id", "hospital_id", "hospital_name", "department", "bed_id",
        "gender", "age", "insurance_type", "admission_time", "discharge_time", "admission_priority", "diagnosis_code",
    ];

    private static readonly string[] DroppableFields = ["patient_id", "department", "bed_id", "gender", "age", "admission_time", "event_time"];

    [Fact]
    public void Each_kind_appears_at_roughly_its_rate_per_eligible_event()
    {
        var originals = DefaultDirtyStream.Where(e => e.Dirty != DirtyKind.Duplicate).ToList();
        var types = originals.Select(e => GeneratedStreams.Parse(e).String("event_type")).ToList();
        double Count(DirtyKind kind) => DefaultDirtyStream.Count(e => e.Dirty == kind);
        double Eligible(params string[] eventTypes) => types.Count(t => eventTypes.Contains(t));

        var rates = DirtyDataRates.Default;
        AssertRate(rates.InvalidAge, Count(DirtyKind.InvalidAge) / originals.Count);
        AssertRate(rates.MissingField, Count(DirtyKind.MissingField) / originals.Count);
        AssertRate(rates.DepartmentTypo, Count(DirtyKind.DepartmentTypo) / originals.Count);
        AssertRate(rates.InvalidHospital, Count(DirtyKind.InvalidHospital) / originals.Count);
        AssertRate(rates.Duplicate, Count(DirtyKind.Duplicate) / originals.Count);
        AssertRate(rates.FutureAdmission, Count(DirtyKind.FutureAdmission) / Eligible("ADMISSION", "TRANSFER"));
        AssertRate(rates.DischargeBeforeAdmission, Count(DirtyKind.DischargeBeforeAdmission) / Eligible("DISCHARGE"));
    }

    private static void AssertRate(double expected, double actual) =>
        Assert.InRange(actual, expected * 0.75, expected * 1.25);

    [Fact]
    public void Each_dirty_event_shows_its_kind_in_the_json()
    {
        var seen = new Dictionary<DirtyKind, int>();
        for (var i = 0; i < DefaultDirtyStream.Count; i++)
        {
            var e = DefaultDirtyStream[i];
            if (e.Dirty is not { } kind)
            {
                continue;
            }

            seen[kind] = seen.GetValueOrDefault(kind) + 1;
            var json = GeneratedStreams.Parse(e);
            switch (kind)
            {
                case DirtyKind.InvalidAge:
                    Assert.Contains(json.Int("age")!.Value, new[] { -5, -1, 125, 150, 200 });
                    break;
                case DirtyKind.FutureAdmission:
                    var ahead = json.Time("admission_time") - json.Time("event_time");
                    Assert.InRange(ahead!.Value, TimeSpan.FromHours(1), TimeSpan.FromHours(72));
                    break;
                case DirtyKind.MissingField:
                    var missing = DroppableFields.Where(f => !json.TryGetProperty(f, out _)).ToList();
                    Assert.Single(missing);
                    break;
                case DirtyKind.Duplicate:
                    Assert.Contains(e.Json, DefaultDirtyStream.Skip(Math.Max(0, i - 12)).Take(Math.Min(i, 12)).Select(p => p.Json));
                    break;
                case DirtyKind.DischargeBeforeAdmission:
                    Assert.Equal("DISCHARGE", json.String("event_type"));
                    Assert.True(json.Time("discharge_time") < json.Time("admission_time"));
                    break;
                case DirtyKind.DepartmentTypo:
                    var written = json.String("department")!;
                    Assert.DoesNotContain(written, GeneratedStreams.Catalog.DepartmentNames);
                    var match = GeneratedStreams.Catalog.MatchDepartment(written);
                    Assert.True(match.Found && match.Corrected, $"'{written}' does not map back to a department");
                    Assert.Equal(json.String("bed_id")!.Split('-')[1], GeneratedStreams.Catalog.AllDepartments.First(d => d.Department == match.Department).Code);
                    break;
                case DirtyKind.InvalidHospital:
                    Assert.Contains(json.Int("hospital_id")!.Value, new[] { -1, 0, 99, 999 });
                    Assert.Equal(json.Int("hospital_id"), e.HospitalId);
                    break;
            }
        }

        Assert.Equal(Enum.GetValues<DirtyKind>().Length, seen.Count);
    }

    [Fact]
    public void Clean_events_of_a_dirty_stream_are_valid()
    {
        foreach (var e in DefaultDirtyStream.Where(e => e.Dirty is null))
        {
            var json = GeneratedStreams.Parse(e);
            Assert.InRange(json.Int("age")!.Value, 0, 120);
            Assert.InRange(json.Int("hospital_id")!.Value, 1, 7);
            Assert.Contains(json.String("department"), GeneratedStreams.Catalog.DepartmentNames);
            Assert.True(json.Time("admission_time") <= json.Time("event_time"));
            Assert.All(StandardFields, f => Assert.True(json.TryGetProperty(f, out _), $"{f} missing"));
        }
    }

    [Fact]
    public void No_dirty_rates_give_no_dirty_events()
    {
        var events = GeneratedStreams.Take(GeneratedStreams.Clean(8), 30_000);

        Assert.All(events, e => Assert.Null(e.Dirty));
        Assert.Equal(events.Count, events.Select(e => e.Json).Distinct().Count());
    }

    [Fact]
    public void One_kind_alone_can_be_switched_on()
    {
        var options = new TrafficOptions { Seed = 3, Dirty = DirtyDataRates.None with { DepartmentTypo = 0.5 } };
        var events = GeneratedStreams.Take(options, 10_000);

        Assert.All(events, e => Assert.True(e.Dirty is null or DirtyKind.DepartmentTypo));
        Assert.InRange(events.Count(e => e.Dirty == DirtyKind.DepartmentTypo), 4_000, 6_000);
    }

    [Fact]
    public void Scale_multiplies_every_rate()
    {
        var doubled = DirtyDataRates.Default.Scale(2);

        Assert.Equal(0.08, doubled.InvalidAge, 10);
        Assert.Equal(0.06, doubled.Duplicate, 10);
        Assert.Equal(DirtyDataRates.None, DirtyDataRates.Default.Scale(0));
    }

    [Fact]
    public void Legacy_stream_gets_dirty_data_in_its_own_shape()
    {
        var events = GeneratedStreams.Take(new TrafficOptions { Seed = 6, Legacy = true, Dirty = DirtyDataRates.Default.Scale(3) }, 20_000);

        foreach (var e in events.Where(e => e.Dirty is DirtyKind.DischargeBeforeAdmission))
        {
            var json = GeneratedStreams.Parse(e);
            Assert.True(json.Time("discharge_time") < json.Time("admission_time"));
        }

        foreach (var e in events.Where(e => e.Dirty is DirtyKind.FutureAdmission))
        {
            var json = GeneratedStreams.Parse(e);
            Assert.True(json.Time("admission_time") > e.EventTime);
        }

        Assert.Contains(events, e => e.Dirty == DirtyKind.DischargeBeforeAdmission);
        Assert.Contains(events, e => e.Dirty == DirtyKind.FutureAdmission);
        Assert.All(events.Where(e => e.Dirty == DirtyKind.MissingField), e =>
            Assert.Equal(7, GeneratedStreams.Parse(e).EnumerateObject().Count()));
    }

    [Fact]
    public void Rates_that_cannot_all_apply_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DirtyDataRates(0.5, 0.5, 0.5, 0, 0, 0, 0).Validate());
        Assert.Throws<ArgumentException>(() => (DirtyDataRates.None with { Duplicate = 1.5 }).Validate());
        (DirtyDataRates.None with { Duplicate = 1 }).Validate();
    }
}
