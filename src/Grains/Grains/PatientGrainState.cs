using MHA.Grains.Contracts;

namespace MHA.Grains.Grains;

/// <summary>What a patient grain persists: the SCD Type 2 versions of the patient's tracked attributes.</summary>
[GenerateSerializer]
public sealed class PatientGrainState
{
    [Id(0)] public PatientVersion[] Versions { get; set; } = [];
}
