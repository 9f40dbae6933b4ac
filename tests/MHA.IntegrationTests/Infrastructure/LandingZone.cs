namespace MHA.IntegrationTests.Infrastructure;

/// <summary>The landing zone of a host's local lake, written the way a copy tool should: each file whole, then renamed into place.</summary>
public static class LandingZone
{
    public static void Drop(SiloHost host, string path, string content)
    {
        var target = Path.Combine(host.LakePath, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = Path.Combine(Path.GetTempPath(), $"drop-{Guid.NewGuid():N}");
        File.WriteAllText(temporary, content);
        File.Move(temporary, target);
    }
}
