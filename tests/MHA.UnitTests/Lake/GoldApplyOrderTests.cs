using System.Security.Cryptography;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Silver;
using MHA.Grains.Lake.Storage;
using MHA.Grains.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace MHA.UnitTests.Lake;

/// <summary>
/// Gold follows each hospital's apply order: a Silver row after a missing apply number waits (its predecessor may still
/// be being written) until the number arrives or is recorded as lost in <c>silver/apply_gaps</c>.
/// </summary>
public sealed class GoldApplyOrderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "mha-unit", Guid.NewGuid().ToString("N"));
    private readonly LocalFolderLakeStorage _storage;
    private readonly GoldStarSchemaBuilder _gold;

    public GoldApplyOrderTests()
    {
        _storage = new LocalFolderLakeStorage(_root);
        _gold = new GoldStarSchemaBuilder(_storage, HospitalCatalog.LoadDefault(), new PatientKeyHasher(RandomNumberGenerator.GetBytes(PatientKeyHasher.MinimumSecretBytes)),
            TimeProvider.System, NullLogger<GoldStarSchemaBuilder>.Instance);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private static SilverRow Admission(int applySeq) => SilverCleaner.Clean(new AdtEvent
    {
        EventId = $"adm-{applySeq}",
        Type = AdtEventType.Admission,
        EventTime = Start.AddMinutes(applySeq),
        AdmissionTime = Start.AddMinutes(applySeq),
        PatientId = $"P-{applySeq:D6}",
        HospitalId = 1,
        Department = "ICU",
        BedId = $"H1-ICU-{applySeq:D2}",
        ReceivedAt = Start.AddMinutes(applySeq),
        BronzeSeq = applySeq,
    }, null, "MHA Central") with { ApplySeq = applySeq, IngestSeq = applySeq * 256L };

    private async Task WriteSilverAsync(params int[] applySeqs)
    {
        var rows = applySeqs.Select(Admission).ToArray();
        await _storage.WriteAsync(LakePaths.PartFile(LakePaths.Silver, "event_date", LakePaths.Day(Start), rows[0].IngestSeq, rows[^1].IngestSeq),
            await SilverRow.Table.WriteAsync(rows), TestContext.Current.CancellationToken);
    }

    private int AdmittedInIcu() => _gold.CurrentlyAdmitted().GetValueOrDefault(DepartmentKey.Of(1, "ICU"));

    [Fact]
    public async Task A_row_after_a_hole_waits_until_the_hole_is_filled()
    {
        await WriteSilverAsync(1, 3);
        await _gold.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, AdmittedInIcu());

        await WriteSilverAsync(2);
        var refresh = await _gold.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, AdmittedInIcu());
        Assert.Equal(2, refresh.SilverRowsApplied);
    }

    [Fact]
    public async Task A_hole_recorded_as_lost_is_skipped()
    {
        await WriteSilverAsync(1, 3);
        await _gold.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, AdmittedInIcu());

        var gap = new ApplyGapRow(5 * 256L, Start, 1, 2, 2);
        await _storage.WriteAsync(LakePaths.PartFile(LakePaths.ApplyGaps, "ingest_date", LakePaths.Day(Start), gap.IngestSeq, gap.IngestSeq),
            await ApplyGapRow.Table.WriteAsync([gap]), TestContext.Current.CancellationToken);
        await _gold.RefreshAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, AdmittedInIcu());
    }
}
