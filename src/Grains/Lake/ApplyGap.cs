namespace MHA.Grains.Lake;

/// <summary>A range of a hospital's apply sequence numbers, inclusive.</summary>
public readonly record struct ApplyGap(long From, long To)
{
    public bool Contains(long seq) => seq >= From && seq <= To;
}
