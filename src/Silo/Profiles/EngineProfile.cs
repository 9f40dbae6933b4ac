namespace MHA.Silo.Profiles;

/// <summary>
/// How the engine runs, chosen by one setting (<c>--profile local</c>, or <c>Profile=azure</c> in the environment):
/// <list type="bullet">
/// <item><c>embedded</c> (default): one process, in-memory cluster and streams, a local-folder lake; zero set-up.</item>
/// <item><c>local</c>: durable on one machine with Azurite: Azure Table clustering and grain storage, Azure Queue
/// streams, the Blob lake; several silos by <c>Silo:InstanceId</c>.</item>
/// <item><c>azure</c>: the same on real Azure Storage, signed in with DefaultAzureCredential (deploy/).</item>
/// </list>
/// Each profile's settings are in <c>appsettings.{profile}.json</c>, which command-line and environment settings override.
/// </summary>
public enum EngineProfile
{
    Embedded,
    Local,
    Azure,
}
