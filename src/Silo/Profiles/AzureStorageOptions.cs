namespace MHA.Silo.Profiles;

/// <summary>
/// The storage account holding the cluster's runtime state (membership table, grain state, stream queues) in the
/// durable profiles: a connection string (Azurite; a secret, from configuration only) or service URIs signed in with
/// DefaultAzureCredential (Azure).
/// </summary>
public sealed class AzureStorageOptions
{
    public const string Section = "AzureStorage";

    public string? ConnectionString { get; set; }

    public Uri? TableServiceUri { get; set; }

    public Uri? QueueServiceUri { get; set; }

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Azure Queues the hospital streams are spread over (each is read by one silo at a time).</summary>
    public int StreamQueueCount { get; set; } = 8;

    /// <summary>Prefix of the stream queues' names.</summary>
    public string StreamQueuePrefix { get; set; } = "mha-adt";

    /// <summary>How long a stream message read by a silo stays invisible to others; after a crash it is redelivered after this.</summary>
    public TimeSpan StreamMessageVisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
