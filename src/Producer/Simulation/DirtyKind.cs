namespace MHA.Producer.Simulation;

/// <summary>The kinds of dirty data the producer injects, as DOMAIN.md lists them.</summary>
public enum DirtyKind
{
    InvalidAge,
    FutureAdmission,
    MissingField,
    Duplicate,
    DischargeBeforeAdmission,
    DepartmentTypo,
    InvalidHospital,
}
