using MHA.Grains.Domain;

namespace MHA.Grains.Grains;

/// <summary>Which patient shard holds a patient: a stable hash of the patient id, modulo the number of shards.</summary>
public static class PatientShards
{
    public static int Of(string patientId, int shards) => (int)(IdHash.Of(patientId) % (ulong)Math.Max(1, shards));
}
