namespace MHA.Grains.Contracts;

/// <summary>Which JSON shape an event arrived in.</summary>
[GenerateSerializer]
public enum EventShape
{
    /// <summary>The engine's own contract (event id and type present).</summary>
    Standard = 0,

    /// <summary>The original pipeline's 8-field shape: an admission with a planned discharge time.</summary>
    Legacy = 1,
}
