namespace MHA.Grains.Domain;

/// <summary>Names of the occupancy anomalies the census records instead of producing impossible counts.</summary>
public static class AnomalyKinds
{
    public const string AdmittedWhileInBed = "admitted_while_in_bed";
    public const string BedReassigned = "bed_reassigned";
    public const string TransferWithoutAdmission = "transfer_without_admission";
    public const string DischargeWithoutAdmission = "discharge_without_admission";
    public const string OutOfOrder = "out_of_order";
    public const string OverCapacity = "over_capacity";
    public const string AlreadyInBed = "already_in_bed";

    /// <summary>A completed stay reported by a batch for a patient the census has in a bed now: the live stay is left alone.</summary>
    public const string HistoryWhileInBed = "history_while_in_bed";
}
