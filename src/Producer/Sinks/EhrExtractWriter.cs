using System.Globalization;
using System.Text;
using MHA.Grains.Catalog;

namespace MHA.Producer.Sinks;

/// <summary>
/// Writes a sample daily EHR extract in the formats of docs/batch.md: <c>DIR/YYYY-MM-DD/demographics.csv</c> (patients whose
/// insurance or age changed that day) and <c>DIR/YYYY-MM-DD/encounters.csv</c> (stays completed that day). The same seed
/// writes the same bytes; copy the day's folder to the engine's <c>landing/ehr/</c>.
/// </summary>
internal static class EhrExtractWriter
{
    private static readonly string[] Genders = ["Female", "Male", "Other"];
    private static readonly string[] Insurances = ["Medicare", "Medicaid", "Private", "SelfPay"];

    /// <summary>Writes <paramref name="encounters"/> completed encounters and a quarter as many demographic changes; returns the files.</summary>
    public static IReadOnlyList<string> Write(string folder, DateOnly day, int seed, int encounters, HospitalCatalog catalog)
    {
        var random = new Random(seed);
        var directory = Path.Combine(folder, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var departments = catalog.AllDepartments.ToArray();

        var demographics = new StringBuilder("patient_id,hospital_id,gender,birth_date,insurance_type,effective_time\n");
        for (var i = 0; i < Math.Max(1, encounters / 4); i++)
        {
            var birth = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 90 * 365));
            demographics.Append(CultureInfo.InvariantCulture, $"EHR-{random.Next(1, 100_000):000000},{random.Next(1, 8)},{Genders[random.Next(Genders.Length)]},")
                .Append(CultureInfo.InvariantCulture, $"{birth:yyyy-MM-dd},{Insurances[random.Next(Insurances.Length)]},{Iso(dayStart.AddMinutes(random.Next(0, 24 * 60)))}\n");
        }

        var stays = new StringBuilder("encounter_id,patient_id,hospital_id,department,bed_id,admission_time,discharge_time,gender,age,insurance_type\n");
        for (var i = 0; i < encounters; i++)
        {
            var department = departments[random.Next(departments.Length)];
            var discharged = dayStart.AddMinutes(random.Next(0, 24 * 60));
            var admitted = discharged.AddHours(-Math.Max(1, department.TypicalStayHours * (0.5 + random.NextDouble())));
            stays.Append(CultureInfo.InvariantCulture, $"ENC-{day:yyyyMMdd}-{i + 1:00000},EHR-{random.Next(1, 100_000):000000},{department.HospitalId},{department.Department},")
                .Append(CultureInfo.InvariantCulture, $"{department.BedId(random.Next(1, department.Capacity + 1))},{Iso(admitted)},{Iso(discharged)},")
                .Append(CultureInfo.InvariantCulture, $"{Genders[random.Next(Genders.Length)]},{random.Next(0, 100)},{Insurances[random.Next(Insurances.Length)]}\n");
        }

        var files = new[] { Path.Combine(directory, "demographics.csv"), Path.Combine(directory, "encounters.csv") };
        File.WriteAllText(files[0], demographics.ToString());
        File.WriteAllText(files[1], stays.ToString());
        return files;
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
