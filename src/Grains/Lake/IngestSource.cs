namespace MHA.Grains.Lake;

/// <summary>Where a batch of items came from: the kind (<c>http</c>, <c>simulated-feed</c>, <c>batch</c>, <c>eventhubs</c>) and its reference (request id, file, partition/offset).</summary>
public sealed record IngestSource(string Kind, string Reference)
{
    public static IngestSource Http(string requestId) => new("http", requestId);

    /// <summary>A batch file of the landing zone; its path is the reference, the item index its line.</summary>
    public static IngestSource Batch(string path) => new("batch", path);
}
