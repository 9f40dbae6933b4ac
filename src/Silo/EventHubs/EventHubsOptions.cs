namespace MHA.Silo.EventHubs;

/// <summary>
/// The Event Hubs ingest edge (section <c>EventHubs</c>): off unless a connection string or a fully qualified namespace
/// is set. Checkpoints go to Azure Table storage when a table endpoint is known, else to grain storage.
/// </summary>
public sealed class EventHubsOptions
{
    public const string Section = "EventHubs";

    /// <summary>Connection string with a shared access key (the Event Hubs emulator, or a hub that allows keys). Secret: configuration or Key Vault only.</summary>
    public string? ConnectionString { get; set; }

    /// <summary><c>&lt;namespace&gt;.servicebus.windows.net</c>, signed in with <c>DefaultAzureCredential</c> (the Azure deployment).</summary>
    public string? FullyQualifiedNamespace { get; set; }

    /// <summary>The event hub the silos read.</summary>
    public string? HubName { get; set; }

    public string ConsumerGroup { get; set; } = "$Default";

    /// <summary>Most events one ingest grain takes in one delivery (one ingest call per partition run).</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>Checkpoints in Azure Table storage through a connection string (Azurite: <c>UseDevelopmentStorage=true</c>). Secret.</summary>
    public string? CheckpointConnectionString { get; set; }

    /// <summary>
    /// Checkpoints in Azure Table storage at this endpoint, signed in with <c>DefaultAzureCredential</c>; defaults to
    /// <c>AzureStorage:TableServiceUri</c> (set by the Bicep deployment).
    /// </summary>
    public Uri? CheckpointTableServiceUri { get; set; }

    /// <summary>Table of the checkpoints (one row per partition).</summary>
    public string CheckpointTableName { get; set; } = "EventHubCheckpoints";

    /// <summary>How often a partition's receive position is persisted.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);

    public bool Enabled => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(FullyQualifiedNamespace);

    /// <summary>Throws <see cref="InvalidOperationException"/> when an enabled configuration cannot work.</summary>
    public void Validate()
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString) && !string.IsNullOrWhiteSpace(FullyQualifiedNamespace))
        {
            throw new InvalidOperationException("EventHubs: set ConnectionString or FullyQualifiedNamespace, not both.");
        }

        if (string.IsNullOrWhiteSpace(HubName)) throw new InvalidOperationException("EventHubs:HubName is required.");
        if (string.IsNullOrWhiteSpace(ConsumerGroup)) throw new InvalidOperationException("EventHubs:ConsumerGroup must not be empty.");
        if (MaxBatchSize < 1) throw new InvalidOperationException("EventHubs:MaxBatchSize must be at least 1.");
        if (CheckpointInterval <= TimeSpan.Zero) throw new InvalidOperationException("EventHubs:CheckpointInterval must be positive.");
    }
}
