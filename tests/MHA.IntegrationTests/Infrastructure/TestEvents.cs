namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Hand-written ADT events in the standard shape, for tests that need exactly one admission or transfer.</summary>
public static class TestEvents
{
    public static string Admission(string eventId, string patientId, int hospitalId, string department, string bedId, DateTimeOffset? at = null) =>
        $$"""{"event_id":"{{eventId}}","event_type":"ADMISSION","event_time":"{{Iso(at)}}","patient_id":"{{patientId}}","hospital_id":{{hospitalId}},"department":"{{department}}","bed_id":"{{bedId}}","gender":"Female","age":50,"admission_time":"{{Iso(at)}}"}""";

    public static string Transfer(string eventId, string patientId, int hospitalId, string department, string bedId, DateTimeOffset? at = null) =>
        $$"""{"event_id":"{{eventId}}","event_type":"TRANSFER","event_time":"{{Iso(at)}}","patient_id":"{{patientId}}","hospital_id":{{hospitalId}},"department":"{{department}}","bed_id":"{{bedId}}"}""";

    public static string Discharge(string eventId, string patientId, int hospitalId, DateTimeOffset? at = null) =>
        $$"""{"event_id":"{{eventId}}","event_type":"DISCHARGE","event_time":"{{Iso(at)}}","patient_id":"{{patientId}}","hospital_id":{{hospitalId}},"discharge_time":"{{Iso(at)}}"}""";

    private static string Iso(DateTimeOffset? at) => (at ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ");
}
