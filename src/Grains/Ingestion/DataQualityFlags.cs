namespace MHA.Grains.Ingestion;

/// <summary>Names of the data-quality rules that can touch an event (docs/events.md lists what each does).</summary>
public static class DataQualityFlags
{
    public const string LegacyShape = "legacy_shape";
    public const string DepartmentCorrected = "department_corrected";
    public const string FromDepartmentCorrected = "from_department_corrected";
    public const string AgeOutOfRange = "age_out_of_range";
    public const string FutureAdmissionTime = "future_admission_time";
    public const string DischargeBeforeAdmission = "discharge_before_admission";
    public const string EventTimeDerived = "event_time_derived";
    public const string EventTimeFromReceipt = "event_time_from_receipt";
    public const string MissingGender = "missing_gender";
    public const string MissingAge = "missing_age";
    public const string MissingAdmissionTime = "missing_admission_time";
    public const string MissingDepartment = "missing_department";
    public const string NumericString = "numeric_string";
}
