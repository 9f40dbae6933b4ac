using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;

namespace MHA.Grains.Lake.Silver;

/// <summary>
/// The Silver rules that need more than the event itself (the per-event rules run in <see cref="AdtEventParser"/>):
/// <list type="bullet">
/// <item><c>age_from_history</c>: an invalid age becomes the patient's last known valid age (from the patient's history); with none it stays null.</item>
/// <item>length of stay: a discharge's stay length in hours; none when the discharge precedes the admission.</item>
/// </list>
/// </summary>
public static class SilverCleaner
{
    public const string AgeFromHistory = "age_from_history";

    /// <param name="e">The applied event.</param>
    /// <param name="cleanedAge">The age the patient's history gives for it (<see cref="Domain.PatientHistory.CleanedAge"/>).</param>
    /// <param name="hospitalName">The hospital's name from the catalog.</param>
    public static SilverRow Clean(AdtEvent e, int? cleanedAge, string hospitalName)
    {
        var flags = e.Flags.ToList();
        var age = e.Age ?? (e.RawAge is not null ? cleanedAge : null);
        if (e.Age is null && age is not null) flags.Add(AgeFromHistory);

        double? lengthOfStay = null;
        if (e.Type == AdtEventType.Discharge && e.AdmissionTime is { } admitted && e.DischargeTime is { } discharged && discharged >= admitted)
        {
            lengthOfStay = Math.Round((discharged - admitted).TotalHours, 4);
        }

        return new SilverRow(e, age, lengthOfStay, string.Join(',', flags), 0, e.Source, e.SourceRef, hospitalName);
    }
}
