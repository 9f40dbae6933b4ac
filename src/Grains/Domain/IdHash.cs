namespace MHA.Grains.Domain;

/// <summary>A 64-bit FNV-1a hash of a string, stable across processes (unlike string.GetHashCode), for compact id sets.</summary>
public static class IdHash
{
    public static ulong Of(string text) => Of(text.AsSpan());

    public static ulong Of(ReadOnlySpan<char> text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * 1099511628211UL;
            hash = (hash ^ (byte)(c >> 8)) * 1099511628211UL;
        }

        return hash;
    }
}
