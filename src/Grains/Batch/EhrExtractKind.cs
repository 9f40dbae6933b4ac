namespace MHA.Grains.Batch;

/// <summary>What a daily EHR extract holds, named by its file name's prefix (<c>demographics…</c>, <c>encounters…</c>).</summary>
public enum EhrExtractKind
{
    /// <summary>Patients whose attributes changed: one UPDATE event per row.</summary>
    Demographics,

    /// <summary>Completed encounters: an ADMISSION and a DISCHARGE event per row (history, see docs/batch.md).</summary>
    Encounters,
}
