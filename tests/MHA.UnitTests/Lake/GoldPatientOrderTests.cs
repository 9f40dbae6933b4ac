using System.Security.Cryptography;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace MHA.UnitTests.Lake;

/// <summary>
/// A patient seen by two hospitals within one Gold refresh: dim_patient follows the order the rows were applied in across
/// hospitals (their ingest order, as the patient grains saw them), not one hospital after the other.
/// </summary>
public sealed class GoldPatientOrderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mha-unit", Guid.NewGuid().ToString("N"));
    private readonly LocalFolderLakeStorage _storage;
    private readonly PatientKeyHasher _keys = new(RandomNumberGenerator.GetBytes(PatientKeyHasher.MinimumSecretBytes));
    private readonly GoldStarSchemaBuilder _gold;

    public GoldPatientOrderTests()
    {
        _storage = new LocalFolderLakeStorage(_root);
        _gold = new GoldStarSchemaBuilder(_storage, HospitalCatalog.LoadDefault(), _keys, TimeProvider.System, NullLogger<GoldStarSchemaBuilder>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static SilverRow Admission(long ingestSeq, int hospitalId, long applySeq, string patientId, DateTimeOffset at, string insurance) => SilverCleaner.Clean(new AdtEvent
    {
        EventId = $"adm-{ingestSeq}",
        Type = AdtEventType.Admission,
        EventTime = at,
        AdmissionTime = at,
        PatientId = patientId,
        HospitalId = hospitalId,
        Department = "ICU",
        BedId = $"H{hospitalId}-ICU-{applySeq:D2}",
        Gender = "Female",
        Age = 70,
        InsuranceType = insurance,
        ReceivedAt = at,
        BronzeSeq = ingestSeq,
    }, null, $"Hospital {hospitalId}") with { ApplySeq = applySeq, IngestSeq = ingestSeq * 256L };

    private async Task WriteSilverAsync(params SilverRow[] rows) =>
        await _storage.WriteAsync(LakePaths.PartFile(LakePaths.Silver, "event_date", LakePaths.Day(rows[0].Event.EventTime), rows[0].IngestSeq, rows[^1].IngestSeq),
            await SilverRow.Table.WriteAsync(rows), TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_patient_seen_by_two_hospitals_in_one_refresh_gets_the_versions_in_the_order_they_were_applied()
    {
        // Hospital 1 is met first (the day before), so a hospital-by-hospital replay would see B before A.
        await WriteSilverAsync(Admission(1, 1, 1, "P-OTHER", Start, "Private"));
        var a = Admission(2, 2, 1, "P-TWO-HOSPITALS", Start.AddDays(1), "Medicare");
        var b = Admission(3, 1, 2, "P-TWO-HOSPITALS", Start.AddDays(1).AddHours(2), "Private");
        await WriteSilverAsync(a, b);

        await _gold.RefreshAsync(TestContext.Current.CancellationToken);

        var file = await _storage.ReadAsync(GoldTables.DimPatient + GoldTables.FileName, TestContext.Current.CancellationToken);
        var key = _keys.KeyOf("P-TWO-HOSPITALS");
        var versions = (await ParquetRows.ReadAsync(file, TestContext.Current.CancellationToken))
            .Where(r => r.String("patient_key") == key)
            .OrderBy(r => r.Int("version"))
            .Select(r => (r.Int("version"), r.String("insurance_type"), r.Timestamp("effective_from"), r.Timestamp("effective_to")))
            .ToArray();
        Assert.Equal(
            [(1, "Medicare", a.Event.EventTime, b.Event.EventTime), (2, "Private", b.Event.EventTime, (DateTimeOffset?)null)],
            versions);
    }
}
