using MHA.Producer.Simulation;

namespace MHA.UnitTests.Producer;

/// <summary>Readmissions and attribute changes: the history the engine's SCD2 patient dimension must keep.</summary>
public sealed class PatientHistoryTests
{
    private static readonly List<System.Text.Json.JsonElement> Events =
        GeneratedStreams.Take(GeneratedStreams.Clean(4), 80_000).Select(GeneratedStreams.Parse).ToList();

    [Fact]
    public void Patients_ids_are_deterministic_and_shaped_like_P_000123()
    {
        Assert.All(Events, j => Assert.Matches(@"^P-\d{6,}$", j.String("patient_id")!));
        Assert.Equal("P-000001", Events[0].String("patient_id"));
    }

    [Fact]
    public void Some_discharged_patients_come_back()
    {
        var discharged = new HashSet<string>();
        var admissions = 0;
        var readmissions = 0;
        foreach (var json in Events)
        {
            var patient = json.String("patient_id")!;
            switch (json.String("event_type"))
            {
                case "ADMISSION":
                    admissions++;
                    if (discharged.Contains(patient))
                    {
                        readmissions++;
                    }

                    break;
                case "DISCHARGE":
                    discharged.Add(patient);
                    break;
            }
        }

        var share = (double)readmissions / admissions;
        Assert.InRange(share, 0.05, 0.25);
    }

    [Fact]
    public void Insurance_and_age_change_over_time()
    {
        var byPatient = Events.GroupBy(j => j.String("patient_id")!).ToList();

        var insuranceChanged = byPatient.Count(g => g.Select(j => j.String("insurance_type")).Distinct().Count() > 1);
        var aged = byPatient.Count(g => g.Select(j => j.Int("age")).Distinct().Count() > 1);

        Assert.True(insuranceChanged > 20, $"{insuranceChanged} patients changed insurance");
        Assert.True(aged > 20, $"{aged} patients aged");
        Assert.Contains(Events, j => j.String("event_type") == "UPDATE");
    }

    [Fact]
    public void Ages_stay_valid_and_department_appropriate_in_clean_data()
    {
        Assert.All(Events, j => Assert.InRange(j.Int("age")!.Value, 0, 120));
        Assert.All(Events.Where(j => j.String("department") == "Pediatrics" && j.String("event_type") == "ADMISSION"),
            j => Assert.InRange(j.Int("age")!.Value, 0, 18));
        Assert.All(Events.Where(j => j.String("department") == "Maternity" && j.String("event_type") == "ADMISSION"),
            j => Assert.Equal("Female", j.String("gender")));
    }

    [Fact]
    public void Every_event_carries_the_richer_fields()
    {
        var hospitals = GeneratedStreams.Catalog.Hospitals.ToDictionary(h => h.Id, h => h.Name);
        Assert.All(Events, j =>
        {
            Assert.Equal(hospitals[j.Int("hospital_id")!.Value], j.String("hospital_name"));
            Assert.Contains(j.String("admission_priority"), new[] { "Emergency", "Urgent", "Scheduled", "Transfer" });
            Assert.False(string.IsNullOrEmpty(j.String("diagnosis_code")));
            Assert.Contains(j.String("insurance_type"), new[] { "Medicare", "Medicaid", "Private", "SelfPay" });
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", j.String("event_id")!);
        });
        Assert.Equal(Events.Count, Events.Select(j => j.String("event_id")).Distinct().Count());
        Assert.All(Events.Where(j => j.String("event_type") == "DISCHARGE"),
            j => Assert.Contains(j.String("discharge_status"), new[] { "Home", "Transfer", "AMA", "Deceased" }));
    }
}
