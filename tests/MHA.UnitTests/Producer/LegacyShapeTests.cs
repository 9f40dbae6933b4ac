using System.Text.Json;
using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

public sealed class LegacyShapeTests
{
    private static readonly string[] LegacyFields = ["patient_id", "gender", "age", "department", "admission_time", "discharge_time", "bed_id", "hospital_id"];

    [Fact]
    public void Clean_legacy_events_have_exactly_the_eight_fields()
    {
        var events = GeneratedStreams.Take(new TrafficOptions { Seed = 12, Legacy = true, Dirty = DirtyDataRates.None }, 20_000);
        var bedsPerHospital = GeneratedStreams.Catalog.AllDepartments.GroupBy(d => d.HospitalId).ToDictionary(g => g.Key, g => g.Sum(d => d.Capacity));

        foreach (var e in events)
        {
            var json = GeneratedStreams.Parse(e);
            Assert.Equal(LegacyFields, json.EnumerateObject().Select(p => p.Name));
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", json.String("patient_id")!);
            Assert.Equal(JsonValueKind.Number, json.GetProperty("bed_id").ValueKind);
            Assert.InRange(json.Int("bed_id")!.Value, 1, bedsPerHospital[json.Int("hospital_id")!.Value]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", json.String("admission_time")!);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$", json.String("discharge_time")!);
            Assert.True(json.Time("discharge_time") >= json.Time("admission_time"));
            Assert.Contains(json.String("department"), GeneratedStreams.Catalog.DepartmentNames);
        }
    }

    [Fact]
    public void Legacy_beds_are_never_double_booked_while_a_stay_lasts()
    {
        var events = GeneratedStreams.Take(new TrafficOptions { Seed = 13, Legacy = true, Dirty = DirtyDataRates.None }, 20_000);
        var heldUntil = new Dictionary<(int Hospital, int Bed), DateTimeOffset>();

        foreach (var e in events)
        {
            var json = GeneratedStreams.Parse(e);
            var key = (json.Int("hospital_id")!.Value, json.Int("bed_id")!.Value);
            var admitted = json.Time("admission_time")!.Value;
            if (heldUntil.TryGetValue(key, out var until))
            {
                // Timestamps are written to the second, so a bed may be re-taken within the second it was freed.
                Assert.True(until <= admitted.AddSeconds(1), $"bed {key} taken before its last stay ended");
            }

            heldUntil[key] = json.Time("discharge_time")!.Value;
        }
    }
}
