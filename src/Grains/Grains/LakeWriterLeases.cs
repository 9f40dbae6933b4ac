namespace MHA.Grains.Grains;

/// <summary>Which silo holds which lake writer id, and until when.</summary>
[GenerateSerializer]
public sealed class LakeWriterLeases
{
    [Id(0)] public Dictionary<int, LakeWriterLease> Leases { get; set; } = [];
}
