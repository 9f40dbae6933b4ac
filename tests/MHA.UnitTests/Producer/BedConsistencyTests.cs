using System.Globalization;
using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

/// <summary>Replays the emitted clean stream and checks that it never puts two patients in one bed or a patient in two.</summary>
public sealed class BedConsistencyTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(17, 120.0)]
    public void Clean_stream_keeps_every_bed_to_one_patient(int seed, double timeScale)
    {
        var options = GeneratedStreams.Clean(seed);
        options.TimeScale = timeScale;
        var events = GeneratedStreams.Take(options, 60_000);
        var capacities = GeneratedStreams.Catalog.AllDepartments.ToDictionary(d => (d.HospitalId, d.Code), d => d.Capacity);
        var departmentOfCode = GeneratedStreams.Catalog.AllDepartments.ToDictionary(d => (d.HospitalId, d.Code), d => d.Department);
        var patientInBed = new Dictionary<string, string>();
        var bedOfPatient = new Dictionary<string, string>();
        var transfers = 0;

        void CheckBed(int hospitalId, string department, string bedId)
        {
            var parts = bedId.Split('-');
            Assert.Equal(3, parts.Length);
            Assert.Equal($"H{hospitalId}", parts[0]);
            Assert.Equal(department, departmentOfCode[(hospitalId, parts[1])]);
            var number = int.Parse(parts[2], CultureInfo.InvariantCulture);
            Assert.InRange(number, 1, capacities[(hospitalId, parts[1])]);
        }

        foreach (var e in events)
        {
            Assert.Null(e.Dirty);
            var json = GeneratedStreams.Parse(e);
            var patient = json.String("patient_id")!;
            var bed = json.String("bed_id")!;
            var hospital = json.Int("hospital_id")!.Value;
            Assert.Equal(hospital, e.HospitalId);
            switch (json.String("event_type"))
            {
                case "ADMISSION":
                    CheckBed(hospital, json.String("department")!, bed);
                    Assert.False(patientInBed.ContainsKey(bed), $"{bed} is already taken");
                    Assert.False(bedOfPatient.ContainsKey(patient), "admitted while in a bed");
                    patientInBed[bed] = patient;
                    bedOfPatient[patient] = bed;
                    break;
                case "TRANSFER":
                    transfers++;
                    CheckBed(hospital, json.String("department")!, bed);
                    var fromBed = json.String("from_bed_id")!;
                    CheckBed(hospital, json.String("from_department")!, fromBed);
                    Assert.Equal(bedOfPatient[patient], fromBed);
                    Assert.False(patientInBed.ContainsKey(bed), $"{bed} is already taken");
                    patientInBed.Remove(fromBed);
                    patientInBed[bed] = patient;
                    bedOfPatient[patient] = bed;
                    break;
                case "DISCHARGE":
                    Assert.Equal(bedOfPatient[patient], bed);
                    Assert.True(json.Time("discharge_time") >= json.Time("admission_time"));
                    Assert.NotNull(json.String("discharge_status"));
                    patientInBed.Remove(bed);
                    bedOfPatient.Remove(patient);
                    break;
                case "UPDATE":
                    Assert.Equal(bedOfPatient[patient], bed);
                    break;
                default:
                    Assert.Fail($"unexpected event type {json.String("event_type")}");
                    break;
            }
        }

        Assert.True(transfers > 50, $"only {transfers} transfers");
    }

    [Fact]
    public void Transfers_follow_the_clinical_routes()
    {
        var events = GeneratedStreams.Take(GeneratedStreams.Clean(3), 60_000).Select(GeneratedStreams.Parse)
            .Where(j => j.String("event_type") == "TRANSFER").ToList();
        var routes = events.Select(j => (From: j.String("from_department"), To: j.String("department"))).Distinct().ToList();

        Assert.Contains(("Emergency", "ICU"), routes);
        Assert.Contains(("ICU", "Cardiology"), routes);
        Assert.All(routes, r => Assert.NotEqual(r.From, r.To));
    }

    [Fact]
    public void Dirty_data_does_not_change_the_simulated_traffic()
    {
        // Same seed with and without dirt: the same events (by id) in the same order, and every event the dirty
        // run labels clean is byte-identical to the clean run's.
        var clean = GeneratedStreams.Take(GeneratedStreams.Clean(21), 30_000);
        var dirtyOptions = new TrafficOptions { Seed = 21, Dirty = DirtyDataRates.Default.Scale(3) };
        var dirty = GeneratedStreams.Take(dirtyOptions, 40_000).Where(e => e.Dirty != DirtyKind.Duplicate).Take(30_000).ToList();

        Assert.Equal(clean.Select(e => GeneratedStreams.Parse(e).String("event_id")), dirty.Select(e => GeneratedStreams.Parse(e).String("event_id")));
        for (var i = 0; i < clean.Count; i++)
        {
            if (dirty[i].Dirty is null)
            {
                Assert.Equal(clean[i].Json, dirty[i].Json);
            }
        }

        Assert.Contains(dirty, e => e.Dirty is not null);
    }
}
