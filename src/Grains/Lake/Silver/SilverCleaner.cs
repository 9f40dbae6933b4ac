using MHA.Grains.Contracts;
using MHA.Grains.Domain;
using MHA.Grains.Ingestion;

namespace MHA.Grains.Lake.Silver;

/// <summary>
/// The Silver rules that need history beyond one event (the per-event rules run in <see cref="AdtEventParser"/>):
/// <list type="bullet">
/// <item><c>age_from_history</c>: an invalid age becomes the patient's last known valid age; with no history it stays null.</item>
/// <item><c>length_of_stay</c>: a discharge's stay length in hours; none when discharge precedes admission.</item>
/// </list>
/// Ages seen are remembered per patient (by 64-bit hash of the id) so the rule needs no lookup.
/// </summary>
public sealed class SilverCleaner
{
    public const string AgeFromHistory = "age_from_history";

    private readonly Dictionary<ulong, int> _lastValidAge = new();

    public int KnownPatients => _lastValidAge.Count;

    /// <summary>Teaches the cleaner a valid age seen earlier (when rebuilding from Silver after a restart).</summary>
    public void Remember(string patientId, int age)
    {
        if (age is >= 0 and <= 120) _lastValidAge[IdHash.Of(patientId)] = age;
    }

    public SilverRow Clean(AdtEvent e, long ingestSeq, IngestSource source, string hospitalName)
    {
        var flags = e.Flags.ToList();
        var patient = IdHash.Of(e.PatientId);
        int? age = e.Age;
        if (age is { } valid)
        {
            _lastValidAge[patient] = valid;
        }
        else if (e.RawAge is not null && _lastValidAge.TryGetValue(patient, out var known))
        {
            age = known;
            flags.Add(AgeFromHistory);
        }

        double? lengthOfStay = null;
        if (e.Type == AdtEventType.Discharge && e.AdmissionTime is { } admitted && e.DischargeTime is { } discharged && discharged >= admitted)
        {
            lengthOfStay = Math.Round((discharged - admitted).TotalHours, 4);
        }

        return new SilverRow(e, age, lengthOfStay, string.Join(',', flags), ingestSeq, source.Kind, source.Reference, hospitalName);
    }
}
