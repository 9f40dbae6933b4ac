using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace MHA.Grains.Lake.Storage;

/// <summary>
/// The lake in an Azure Blob Storage container (also an ADLS Gen2 account, through its Blob endpoint). The container
/// is created on first use. Each write is one upload, so readers see the whole blob or none of it.
/// </summary>
public sealed class BlobLakeStorage : ILakeStorage
{
    // ADLS Gen2 (hierarchical namespace) lists its directories as empty blobs carrying this metadata flag.
    private const string FolderMetadataKey = "hdi_isfolder";

    private readonly BlobContainerClient _container;
    private readonly StorageTransferOptions _transferOptions;
    private readonly Lock _creationLock = new();
    private Task? _creation;

    public BlobLakeStorage(BlobContainerClient container)
        : this(container, default)
    {
    }

    /// <summary>Tests lower the transfer sizes to make the SDK stage blocks for content of a few megabytes.</summary>
    internal BlobLakeStorage(BlobContainerClient container, StorageTransferOptions transferOptions)
    {
        _container = container;
        _transferOptions = transferOptions;
        // The client's URI carries a SAS when the connection string has one; the location is shown in logs.
        Location = new UriBuilder(container.Uri) { Query = string.Empty }.Uri.ToString();
    }

    public string Location { get; }

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(BlobName(path));
        await EnsureContainerAsync(cancellationToken);
        // One UploadAsync without conditions overwrites. Small content goes as a single Put Blob; big content is
        // staged as uncommitted blocks and made visible by the final Put Block List, which swaps the whole blob at
        // once. Uncommitted blocks are never listed nor read, so readers never see a partial blob.
        await blob.UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions { TransferOptions = _transferOptions }, cancellationToken);
    }

    public async Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(BlobName(path));
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var download = await blob.DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToArray();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Same contract as the local folder: a missing file is an IOException callers can recognise.
            throw new FileNotFoundException($"Lake file '{path}' does not exist in {Location}.", path, e);
        }
    }

    public async Task<IReadOnlyList<LakeFile>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        var files = new List<LakeFile>();
        await foreach (var item in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: prefix, cancellationToken))
        {
            if (item.Metadata.TryGetValue(FolderMetadataKey, out var isFolder) && bool.TryParse(isFolder, out var folder) && folder)
            {
                continue;
            }

            files.Add(new LakeFile(item.Name, item.Properties.ContentLength ?? 0, item.Properties.LastModified ?? DateTimeOffset.MinValue));
        }

        // The service lists in UTF-8 byte order; sort like the local folder does so both backends agree.
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(BlobName(path));
        await EnsureContainerAsync(cancellationToken);
        // Like File.Delete: deleting a file that is not there is not an error.
        await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        lock (_creationLock)
        {
            // A failed or cancelled attempt is retried by the next call.
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }

            return _creation;
        }
    }

    /// <summary>
    /// Blob names are flat, so '..' would not leave the container, but it would name a different blob than the same
    /// path in the local folder (which refuses it). Refusing relative segments keeps the two backends interchangeable.
    /// </summary>
    private static string BlobName(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var segments = path.Split('/');
        if (path.Contains('\\') || segments.Any(s => s is "" or "." or ".."))
        {
            throw new ArgumentException($"Lake path '{path}' must be relative, '/'-separated, without empty, '.' or '..' segments.", nameof(path));
        }

        return path;
    }
}
