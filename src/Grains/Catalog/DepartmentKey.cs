namespace MHA.Grains.Catalog;

/// <summary>Builds and splits the string key of a department grain, <c>"{hospitalId}/{department}"</c>.</summary>
public static class DepartmentKey
{
    public static string Of(int hospitalId, string department) => $"{hospitalId}/{department}";

    public static (int HospitalId, string Department) Parse(string key)
    {
        var slash = key.IndexOf('/');
        if (slash <= 0 || !int.TryParse(key.AsSpan(0, slash), out var hospitalId))
        {
            throw new FormatException($"'{key}' is not a department key of the form '<hospitalId>/<department>'.");
        }

        return (hospitalId, key[(slash + 1)..]);
    }
}
