using System.Net;
using System.Text;
using System.Text.Json;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary><c>POST /api/events</c> through Kestrel on loopback: counts, per-item reasons, limits, both shapes.</summary>
public sealed class IngestApiTests(EngineFixture fixture) : IClassFixture<EngineFixture>
{
    private SiloHost Host => fixture.Host;

    [Fact]
    public async Task A_json_array_with_bad_items_accepts_the_good_ones_and_says_why_for_each_bad_one()
    {
        var body = $"""
            [{TestEvents.Admission("arr-1", "P-arr-1", 2, "ICU", "H2-ICU-01")},
             {TestEvents.Admission("arr-2", "P-arr-2", 99, "ICU", "H99-ICU-01")},
             "just a string",
             {TestEvents.Admission("arr-3", "P-arr-3", 2, "Dentistry", "H2-DEN-01")},
             {TestEvents.Admission("arr-4", "P-arr-4", 2, "Emergancy", "H2-ER-01")}]
            """;
        using var response = await Host.Http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        Assert.Equal(3, result.GetProperty("rejected").GetInt32());
        var errors = result.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("index").GetInt32(), e => e.GetProperty("reason").GetString());
        Assert.Equal("unknown hospital_id 99", errors[1]);
        Assert.Equal("not a JSON object but String", errors[2]);
        Assert.Equal("unknown department 'Dentistry'", errors[3]);
    }

    [Fact]
    public async Task Ndjson_with_a_broken_line_keeps_the_rest_of_the_batch()
    {
        var body = string.Join('\n',
            TestEvents.Admission("nd-1", "P-nd-1", 3, "Surgery", "H3-SURG-01"),
            "{\"event_id\": \"nd-2\", \"event_type\": ",
            TestEvents.Admission("nd-3", "P-nd-3", 3, "Surgery", "H3-SURG-02"));
        var result = await Host.IngestAsync(body);
        Assert.Equal(2, result.GetProperty("accepted").GetInt32());
        var error = Assert.Single(result.GetProperty("errors").EnumerateArray());
        Assert.Equal(1, error.GetProperty("index").GetInt32());
        Assert.StartsWith("malformed JSON", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Admission_transfer_discharge_and_duplicates_show_in_the_occupancy_api()
    {
        var before = await Host.GetOccupiedAsync();
        var t = DateTimeOffset.UtcNow;
        await Host.IngestAsync(string.Join('\n',
            TestEvents.Admission("flow-1", "P-flow", 5, "Emergency", "H5-ER-03", t),
            TestEvents.Admission("flow-1", "P-flow", 5, "Emergency", "H5-ER-03", t),
            TestEvents.Transfer("flow-2", "P-flow", 5, "Cardiology", "H5-CARD-04", t.AddSeconds(1)),
            TestEvents.Admission("flow-3", "P-flow-2", 5, "Cardiology", "H5-CARD-05", t.AddSeconds(2))));

        var after = await Eventually.ReturnsAsync(Host.GetOccupiedAsync, o => o["5/Cardiology"] == before["5/Cardiology"] + 2, TimeSpan.FromSeconds(10), "two patients in H5 Cardiology");
        Assert.Equal(before["5/Emergency"], after["5/Emergency"]);

        await Host.IngestAsync(TestEvents.Discharge("flow-4", "P-flow", 5, t.AddSeconds(3)));
        await Eventually.ReturnsAsync(Host.GetOccupiedAsync, o => o["5/Cardiology"] == before["5/Cardiology"] + 1, TimeSpan.FromSeconds(10), "one left after discharge");

        var hospital = await Host.GetJsonAsync("/api/occupancy/5");
        var cardiology = hospital.GetProperty("departments").EnumerateArray().Single(d => d.GetProperty("department").GetString() == "Cardiology");
        Assert.Equal(25, cardiology.GetProperty("capacity").GetInt32());
        Assert.Equal(25 - cardiology.GetProperty("occupied").GetInt32(), cardiology.GetProperty("available").GetInt32());
        Assert.True(cardiology.GetProperty("admissions_last_hour").GetInt32() >= 1);
        Assert.True(cardiology.GetProperty("discharges_last_hour").GetInt32() >= 1);
        var anomalies = await Host.GetJsonAsync("/api/occupancy/5/anomalies");
        Assert.True(anomalies.GetProperty("duplicates_ignored").GetInt64() >= 1);
    }

    [Fact]
    public async Task Legacy_eight_field_events_are_accepted_and_counted()
    {
        var before = await Host.GetOccupiedAsync();
        string Legacy(string patient, int bed, DateTime admit, DateTime discharge) =>
            $$"""{"patient_id": "{{patient}}", "gender": "Male", "age": 54, "department": "Oncology", "admission_time": "{{admit:yyyy-MM-ddTHH:mm:ss}}", "discharge_time": "{{discharge:yyyy-MM-ddTHH:mm:ss}}", "bed_id": {{bed}}, "hospital_id": 6}""";
        var now = DateTime.UtcNow;
        var result = await Host.IngestAsync(string.Join('\n',
            Legacy("9b2f0c4e-0000-4000-8000-000000000001", 101, now.AddHours(-2), now.AddHours(20)),
            Legacy("9b2f0c4e-0000-4000-8000-000000000002", 102, now.AddHours(-1), now.AddHours(30)),
            Legacy("9b2f0c4e-0000-4000-8000-000000000003", 103, now.AddHours(-30), now.AddHours(-2)),
            Legacy("9b2f0c4e-0000-4000-8000-000000000001", 101, now.AddHours(-2), now.AddHours(20))));

        Assert.Equal(4, result.GetProperty("accepted").GetInt32());
        await Eventually.ReturnsAsync(Host.GetOccupiedAsync, o => o["6/Oncology"] == before["6/Oncology"] + 2, TimeSpan.FromSeconds(10),
            "two legacy stays still running, one already over, one duplicate");
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413_and_an_empty_body_gets_400()
    {
        var big = new string(' ', 1_100_000) + "{}";
        using var tooLarge = await Host.Http.PostAsync("/api/events", new StringContent(big, Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);

        using var empty = await Host.Http.PostAsync("/api/events", new StringContent("  ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Occupancy_api_lists_every_hospital_and_department_with_capacity()
    {
        var network = await Host.GetJsonAsync("/api/occupancy");
        var hospitals = network.GetProperty("hospitals").EnumerateArray().ToArray();
        Assert.Equal(Enumerable.Range(1, 7), hospitals.Select(h => h.GetProperty("hospital_id").GetInt32()));
        Assert.All(hospitals, h =>
        {
            Assert.Equal(7, h.GetProperty("departments").GetArrayLength());
            Assert.Equal(185, h.GetProperty("capacity").GetInt32());
            foreach (var field in new[] { "occupied", "available", "occupancy_pct", "admissions_last_hour", "discharges_last_hour", "updated_at" })
            {
                Assert.True(h.GetProperty("departments")[0].TryGetProperty(field, out _), field);
            }
        });
        Assert.Equal(1295, network.GetProperty("capacity").GetInt32());

        using var missing = await Host.Http.GetAsync("/api/occupancy/42");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var health = await Host.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
