using MHA.Grains.Contracts;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake.Parquet;
using Parquet;
using Parquet.Schema;

namespace MHA.Grains.Lake.Gold;

/// <summary>
/// Reads a whole Silver file into the events the census applies, column by column (typed arrays, no row dictionaries):
/// the same events as <see cref="SilverEventReader"/> row by row. A file whose columns have other types than Silver
/// writes falls back to the row reader.
/// </summary>
public static class SilverFileReader
{
    public static async Task<IReadOnlyList<SilverEvent>> ReadAsync(byte[] file, CancellationToken cancellationToken = default)
    {
        using (var stream = new MemoryStream(file, writable: false))
        await using (var reader = await ParquetReader.CreateAsync(stream, cancellationToken: cancellationToken))
        {
            if (Columns.TryFind(reader.Schema) is { } columns)
            {
                var events = new List<SilverEvent>();
                for (var group = 0; group < reader.RowGroupCount; group++)
                {
                    using var rowGroup = reader.OpenRowGroupReader(group);
                    await columns.ReadAsync(rowGroup, events, cancellationToken);
                }

                return events;
            }
        }

        return (await ParquetRows.ReadAsync(file, cancellationToken)).Select(SilverEventReader.Read).ToArray();
    }

    /// <summary>The Silver columns the events need, as the file has them (absent optional columns are null).</summary>
    private sealed class Columns
    {
        private DataField EventId { get; init; } = null!;

        private DataField EventType { get; init; } = null!;

        private DataField EventTime { get; init; } = null!;

        private DataField PatientId { get; init; } = null!;

        private DataField HospitalId { get; init; } = null!;

        private DataField ReceivedAt { get; init; } = null!;

        private DataField IngestSeq { get; init; } = null!;

        private DataField? Department { get; init; }

        private DataField? BedId { get; init; }

        private DataField? FromDepartment { get; init; }

        private DataField? FromBedId { get; init; }

        private DataField? Gender { get; init; }

        private DataField? Age { get; init; }

        private DataField? RawAge { get; init; }

        private DataField? Insurance { get; init; }

        private DataField? AdmissionTime { get; init; }

        private DataField? DischargeTime { get; init; }

        private DataField? Shape { get; init; }

        private DataField? DqFlags { get; init; }

        private DataField? ApplySeq { get; init; }

        private DataField? BronzeSeq { get; init; }

        private DataField? Source { get; init; }

        private DataField? SourceRef { get; init; }


        public static Columns? TryFind(ParquetSchema schema)
        {
            var fields = schema.Fields.OfType<DataField>().ToDictionary(f => f.Name, StringComparer.Ordinal);
            var ok = true;
            DataField? Optional(string name, Type type)
            {
                if (!fields.TryGetValue(name, out var field)) return null;
                var clrType = field.ClrType == typeof(ReadOnlyMemory<char>) ? typeof(string) : field.ClrType;
                if (clrType != type || !field.IsNullable || field.IsArray) ok = false;
                return field;
            }

            DataField Required(string name, Type type)
            {
                var field = Optional(name, type);
                if (field is null) ok = false;
                return field!;
            }

            var columns = new Columns
            {
                EventId = Required("event_id", typeof(string)),
                EventType = Required("event_type", typeof(string)),
                EventTime = Required("event_time", typeof(DateTime)),
                PatientId = Required("patient_id", typeof(string)),
                HospitalId = Required("hospital_id", typeof(int)),
                ReceivedAt = Required("received_at", typeof(DateTime)),
                IngestSeq = Required("ingest_seq", typeof(long)),
                Department = Optional("department", typeof(string)),
                BedId = Optional("bed_id", typeof(string)),
                FromDepartment = Optional("from_department", typeof(string)),
                FromBedId = Optional("from_bed_id", typeof(string)),
                Gender = Optional("gender", typeof(string)),
                Age = Optional("age", typeof(int)),
                RawAge = Optional("raw_age", typeof(int)),
                Insurance = Optional("insurance_type", typeof(string)),
                AdmissionTime = Optional("admission_time", typeof(DateTime)),
                DischargeTime = Optional("discharge_time", typeof(DateTime)),
                Shape = Optional("event_shape", typeof(string)),
                DqFlags = Optional("dq_flags", typeof(string)),
                ApplySeq = Optional("apply_seq", typeof(long)),
                BronzeSeq = Optional("bronze_seq", typeof(long)),
                Source = Optional("source", typeof(string)),
                SourceRef = Optional("source_ref", typeof(string)),
            };
            return ok ? columns : null;
        }

        public async Task ReadAsync(ParquetRowGroupReader rowGroup, List<SilverEvent> events, CancellationToken cancellationToken)
        {
            var n = checked((int)rowGroup.RowCount);
            var eventId = (await Strings(rowGroup, EventId, n, cancellationToken))!;
            var eventType = (await Strings(rowGroup, EventType, n, cancellationToken))!;
            var eventTime = (await Values<DateTime>(rowGroup, EventTime, n, cancellationToken))!;
            var patientId = (await Strings(rowGroup, PatientId, n, cancellationToken))!;
            var hospitalId = (await Values<int>(rowGroup, HospitalId, n, cancellationToken))!;
            var department = await Strings(rowGroup, Department, n, cancellationToken);
            var bedId = await Strings(rowGroup, BedId, n, cancellationToken);
            var fromDepartment = await Strings(rowGroup, FromDepartment, n, cancellationToken);
            var fromBedId = await Strings(rowGroup, FromBedId, n, cancellationToken);
            var gender = await Strings(rowGroup, Gender, n, cancellationToken);
            var age = await Values<int>(rowGroup, Age, n, cancellationToken);
            var rawAge = await Values<int>(rowGroup, RawAge, n, cancellationToken);
            var insurance = await Strings(rowGroup, Insurance, n, cancellationToken);
            var admissionTime = await Values<DateTime>(rowGroup, AdmissionTime, n, cancellationToken);
            var dischargeTime = await Values<DateTime>(rowGroup, DischargeTime, n, cancellationToken);
            var shape = await Strings(rowGroup, Shape, n, cancellationToken);
            var dqFlags = await Strings(rowGroup, DqFlags, n, cancellationToken);
            var ingestSeq = (await Values<long>(rowGroup, IngestSeq, n, cancellationToken))!;
            var applySeq = await Values<long>(rowGroup, ApplySeq, n, cancellationToken);
            var bronzeSeq = await Values<long>(rowGroup, BronzeSeq, n, cancellationToken);
            var receivedAt = (await Values<DateTime>(rowGroup, ReceivedAt, n, cancellationToken))!;
            var source = await Strings(rowGroup, Source, n, cancellationToken);
            var sourceRef = await Strings(rowGroup, SourceRef, n, cancellationToken);

            // Flags repeat (most rows have none or the same few): one array per distinct text.
            var flagSets = new Dictionary<string, string[]>(StringComparer.Ordinal);
            events.EnsureCapacity(events.Count + n);
            for (var i = 0; i < n; i++)
            {
                var flagText = dqFlags?[i] ?? "";
                if (!flagSets.TryGetValue(flagText, out var flags)) flagSets[flagText] = flags = flagText.Split(',', StringSplitOptions.RemoveEmptyEntries);
                AdtEventParser.TryParseType(eventType[i], out var type);
                var e = new AdtEvent
                {
                    EventId = eventId[i]!,
                    Type = type,
                    EventTime = Utc(eventTime[i])!.Value,
                    PatientId = patientId[i]!,
                    HospitalId = hospitalId[i]!.Value,
                    Department = department?[i],
                    BedId = bedId?[i],
                    FromDepartment = fromDepartment?[i],
                    FromBedId = fromBedId?[i],
                    Gender = gender?[i],
                    Age = age?[i],
                    RawAge = rawAge?[i],
                    InsuranceType = insurance?[i],
                    AdmissionTime = Utc(admissionTime?[i]),
                    DischargeTime = Utc(dischargeTime?[i]),
                    Shape = shape?[i] == "legacy" ? EventShape.Legacy : EventShape.Standard,
                    ReceivedAt = Utc(receivedAt[i])!.Value,
                    Flags = flags,
                    EventTimeFromReceipt = flags.Contains(DataQualityFlags.EventTimeFromReceipt),
                    BronzeSeq = bronzeSeq?[i] ?? 0,
                    Source = source?[i] ?? "",
                    SourceRef = sourceRef?[i] ?? "",
                };
                events.Add(new SilverEvent(ingestSeq[i]!.Value, applySeq?[i] ?? 0, e));
            }
        }

        private static async Task<string?[]?> Strings(ParquetRowGroupReader rowGroup, DataField? field, int n, CancellationToken cancellationToken)
        {
            if (field is null) return null;
            var values = new string?[n];
            await rowGroup.ReadAsync(field, values.AsMemory()!, null, cancellationToken);
            return values;
        }

        private static async Task<T?[]?> Values<T>(ParquetRowGroupReader rowGroup, DataField? field, int n, CancellationToken cancellationToken)
            where T : struct
        {
            if (field is null) return null;
            var values = new T?[n];
            await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
            return values;
        }

        private static DateTimeOffset? Utc(DateTime? value) => value is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }
}
