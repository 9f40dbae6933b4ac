using MHA.Grains.Contracts;
using MHA.Grains.Lake.Parquet;

namespace MHA.Grains.Lake.Gold;

/// <summary>The Gold star schema's tables: their paths and columns (docs/lake.md draws the diagram).</summary>
public static class GoldTables
{
    public const string DimPatient = "gold/dim_patient/";
    public const string DimDepartment = "gold/dim_department/";
    public const string DimDate = "gold/dim_date/";
    public const string FactAdmission = "gold/fact_admission/";
    public const string FactOccupancyHourly = "gold/fact_occupancy_hourly/";

    /// <summary>Single-file tables and partitions are rewritten in place: one atomic file per folder.</summary>
    public const string FileName = "part-00000.parquet";

    /// <summary>The fingerprint of the secret Gold's patient and stay keys were made with (<see cref="Security.PatientKeyHasher.Fingerprint"/>).</summary>
    public const string PatientKeyFingerprint = "gold/_patient_key.json";

    // Gold holds no source identifier: patients by patient_key (HMAC of the source id), stays by stay_key (HMAC of the
    // opening event id). Source ids stay in Silver, whose access is restricted (docs/security.md).
    public static readonly ParquetTable<(string PatientKey, long PatientSk, PatientVersion Version)> Patient = new ParquetTable<(string PatientKey, long PatientSk, PatientVersion Version)>()
        .Long("patient_sk", r => r.PatientSk)
        .String("patient_key", r => r.PatientKey)
        .Int("version", r => r.Version.Version)
        .String("gender", r => r.Version.Gender)
        .Int("age", r => r.Version.Age)
        .String("age_band", r => AgeBand(r.Version.Age))
        .String("insurance_type", r => r.Version.InsuranceType)
        .Timestamp("effective_from", r => r.Version.EffectiveFrom)
        .Timestamp("effective_to", r => r.Version.EffectiveTo)
        .Bool("is_current", r => r.Version.IsCurrent);

    public static readonly ParquetTable<DepartmentVersion> Department = new ParquetTable<DepartmentVersion>()
        .Long("department_sk", r => r.DepartmentSk)
        .Int("hospital_id", r => r.HospitalId)
        .String("hospital_name", r => r.HospitalName)
        .String("department", r => r.Department)
        .String("department_code", r => r.Code)
        .Int("capacity", r => r.Capacity)
        .Int("staffed_beds", r => r.StaffedBeds)
        .Timestamp("effective_from", r => r.EffectiveFrom)
        .Timestamp("effective_to", r => r.EffectiveTo)
        .Bool("is_current", r => r.IsCurrent);

    public static readonly ParquetTable<DateOnly> Date = new ParquetTable<DateOnly>()
        .Int("date_key", d => d.Year * 10000 + d.Month * 100 + d.Day)
        .Date("date", d => d)
        .Int("year", d => d.Year)
        .Int("quarter", d => (d.Month - 1) / 3 + 1)
        .Int("month", d => d.Month)
        .String("month_name", d => d.ToString("MMMM", System.Globalization.CultureInfo.InvariantCulture))
        .Int("day", d => d.Day)
        .Int("day_of_week", d => d.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)d.DayOfWeek)
        .String("day_name", d => d.DayOfWeek.ToString())
        .Bool("is_weekend", d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);

    public static readonly ParquetTable<AdmissionFact> Admission = new ParquetTable<AdmissionFact>()
        .String("stay_key", r => r.StayKey)
        .Long("patient_sk", r => r.PatientSk)
        .Long("department_sk", r => r.DepartmentSk)
        .Long("current_department_sk", r => r.CurrentDepartmentSk)
        .Int("date_key", r => r.Stay.AdmissionDate.Year * 10000 + r.Stay.AdmissionDate.Month * 100 + r.Stay.AdmissionDate.Day)
        .Int("hospital_id", r => r.Stay.HospitalId)
        .String("admission_department", r => r.Stay.AdmissionDepartment)
        .String("current_department", r => r.Stay.CurrentDepartment)
        .String("bed_id", r => r.Stay.BedId)
        .Timestamp("admission_time", r => r.Stay.AdmissionTime)
        .Timestamp("discharge_time", r => r.Stay.DischargeTime)
        .Double("length_of_stay_hours", r => r.Stay.LengthOfStayHours)
        .Bool("is_currently_admitted", r => r.Stay.IsCurrentlyAdmitted)
        .Int("transfers_count", r => r.Stay.Transfers)
        .String("end_reason", r => r.Stay.EndReason);

    public static readonly ParquetTable<OccupancyHour> OccupancyHourly = new ParquetTable<OccupancyHour>()
        .Int("hospital_id", r => r.HospitalId)
        .String("department", r => r.Department)
        .Long("department_sk", r => r.DepartmentSk)
        .Timestamp("hour", r => r.Hour)
        .Int("occupied", r => r.Occupied)
        .Int("capacity", r => r.Capacity)
        .Double("occupancy_pct", r => OccupancyMath.Percent(r.Occupied, r.Capacity))
        .Int("admissions", r => r.Admissions)
        .Int("discharges", r => r.Discharges);

    public static string? AgeBand(int? age) => age switch
    {
        null => null,
        < 18 => "0-17",
        < 35 => "18-34",
        < 50 => "35-49",
        < 65 => "50-64",
        < 80 => "65-79",
        _ => "80+",
    };
}

/// <summary>A row of fact_admission: a stay with its pseudonymous key and its dimension keys.</summary>
public sealed record AdmissionFact(Stay Stay, string StayKey, long PatientSk, long DepartmentSk, long CurrentDepartmentSk);

/// <summary>A row of fact_occupancy_hourly: a department's census at the start of an hour, against its staffed beds.</summary>
public sealed record OccupancyHour(int HospitalId, string Department, long DepartmentSk, DateTimeOffset Hour, int Occupied, int Capacity, int Admissions, int Discharges);
