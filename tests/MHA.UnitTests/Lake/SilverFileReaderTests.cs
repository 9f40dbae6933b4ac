using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Parquet;
using MHA.Grains.Lake.Silver;

namespace MHA.UnitTests.Lake;

/// <summary>Gold reads Silver files column by column: the events are the ones the row reader makes of the same file.</summary>
public sealed class SilverFileReaderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private static SilverRow Row(int i, AdtEventType type, Dictionary<string, string>? extras = null) => SilverCleaner.Clean(new AdtEvent
    {
        EventId = $"evt-{i}",
        Type = type,
        EventTime = T0.AddMinutes(i),
        PatientId = $"P-{i % 3}",
        HospitalId = 1 + i % 2,
        Department = i % 4 == 0 ? null : "ICU",
        BedId = $"B-{i}",
        FromDepartment = type == AdtEventType.Transfer ? "Emergency" : null,
        FromBedId = type == AdtEventType.Transfer ? "ER-1" : null,
        Gender = i % 5 == 0 ? null : "Female",
        Age = i % 6 == 0 ? null : 40 + i,
        RawAge = i % 6 == 0 ? 150 : 40 + i,
        InsuranceType = "Medicare",
        AdmissionTime = T0,
        DischargeTime = type == AdtEventType.Discharge ? T0.AddHours(30) : null,
        Shape = i % 7 == 0 ? EventShape.Legacy : EventShape.Standard,
        ReceivedAt = T0.AddMinutes(i + 1),
        Flags = i % 2 == 0 ? [DataQualityFlags.EventTimeFromReceipt, DataQualityFlags.MissingGender] : [],
        Extras = extras ?? new Dictionary<string, string>(),
        BronzeSeq = 1000 + i,
        Source = "http",
        SourceRef = $"request-{i}",
    }, i % 6 == 0 ? 64 : null, "MHA Central") with { IngestSeq = 2000 + i, ApplySeq = i % 3 == 0 ? 0 : 10 + i };

    private static readonly string[] NoFlags = [];
    private static readonly Dictionary<string, string> NoExtras = new();

    // Records compare collections by reference: the flags are compared as text, the extras are never read back.
    private static object Shape(SilverEvent read) => new
    {
        read.IngestSeq,
        read.ApplySeq,
        Event = read.Event with { Flags = NoFlags, Extras = NoExtras },
        Flags = string.Join(',', read.Event.Flags),
    };

    [Fact]
    public async Task Column_by_column_gives_the_events_row_by_row_gives()
    {
        var types = new[] { AdtEventType.Admission, AdtEventType.Transfer, AdtEventType.Discharge, AdtEventType.Update };
        var rows = Enumerable.Range(0, 50).Select(i => Row(i, types[i % types.Length], i == 3 ? new() { ["diagnosis_code"] = "\"I21\"" } : null)).ToArray();
        var file = await SilverRow.Table.WriteAsync(rows, LakeWriter.SilverExtraColumns(rows));

        var byColumn = await SilverFileReader.ReadAsync(file, TestContext.Current.CancellationToken);
        var byRow = (await ParquetRows.ReadAsync(file, TestContext.Current.CancellationToken)).Select(SilverEventReader.Read).ToArray();

        Assert.Equal(50, byColumn.Count);
        Assert.Equal(byRow.Select(Shape), byColumn.Select(Shape));
    }

    [Fact]
    public async Task A_file_without_the_optional_columns_reads_as_the_row_reader_reads_it()
    {
        var legacy = new ParquetTable<SilverRow>()
            .String("event_id", r => r.Event.EventId)
            .String("event_type", r => r.Event.Type.ToString().ToUpperInvariant())
            .Timestamp("event_time", r => r.Event.EventTime)
            .String("patient_id", r => r.Event.PatientId)
            .Int("hospital_id", r => r.Event.HospitalId)
            .Long("ingest_seq", r => r.IngestSeq)
            .Timestamp("received_at", r => r.Event.ReceivedAt);
        var file = await legacy.WriteAsync(Enumerable.Range(0, 5).Select(i => Row(i, AdtEventType.Admission)).ToArray());

        var byColumn = await SilverFileReader.ReadAsync(file, TestContext.Current.CancellationToken);
        var byRow = (await ParquetRows.ReadAsync(file, TestContext.Current.CancellationToken)).Select(SilverEventReader.Read).ToArray();

        Assert.Equal(byRow.Select(Shape), byColumn.Select(Shape));
        Assert.All(byColumn, r => Assert.Equal(0, r.ApplySeq));
    }
}
