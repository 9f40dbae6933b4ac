namespace MHA.Grains.Domain;

/// <summary>
/// Hears every bed move the census makes, so stays (Gold's fact_admission) are built by the same rules as the board.
/// A stay starts at its first bed and ends when the patient leaves without moving to another bed of the same stay.
/// </summary>
public interface ICensusListener
{
    void Occupied(string patientId, string stayId, string department, string bedId, DateTimeOffset since);

    void Vacated(string patientId, string stayId, string department, string bedId, DateTimeOffset at, StayEnd end);
}

/// <summary>Why a patient left a bed.</summary>
public enum StayEnd
{
    /// <summary>Moved to another bed within the same stay.</summary>
    Transfer,
    Discharge,
    /// <summary>Another patient was admitted to the bed.</summary>
    Displaced,
    /// <summary>Admitted again while still in a bed: the old stay ends.</summary>
    Readmitted,
}
