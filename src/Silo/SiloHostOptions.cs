namespace MHA.Silo;

/// <summary>
/// Where this silo listens and how it finds the cluster. Several silos run on one machine by giving each an
/// <see cref="InstanceId"/>, which offsets every port (silo, gateway, HTTP) by that number.
/// </summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";

    public int InstanceId { get; set; }

    public string ClusterId { get; set; } = "mha-dev";

    public string ServiceId { get; set; } = "mha-occupancy";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Silo port of the primary silo that the embedded (localhost) clustering joins.</summary>
    public int PrimarySiloPort { get; set; } = 11111;

    public int HttpPort { get; set; } = 5080;

    /// <summary>
    /// Grain locations the silo caches (Orleans' grain directory cache, an LRU). Orleans keeps up to a million, and keeps
    /// them after the grain is collected: with a grain per patient that is ~300 bytes per patient ever seen. Patient
    /// grains are called hours apart, so a smaller cache costs a directory lookup now and then, nothing else.
    /// </summary>
    public int DirectoryCacheSize { get; set; } = 100_000;

    public int EffectiveSiloPort => SiloPort + InstanceId;

    public int EffectiveGatewayPort => GatewayPort + InstanceId;

    public int EffectiveHttpPort => HttpPort + InstanceId;
}
