using Azure.Identity;
using Azure.Storage.Blobs;

namespace MHA.Grains.Lake.Storage;

/// <summary>Builds the lake's storage from <see cref="LakeOptions"/>: a local folder or a Blob container.</summary>
public static class LakeStorageFactory
{
    public static ILakeStorage Create(LakeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Backend?.Trim().ToLowerInvariant() switch
        {
            "local" => CreateLocal(options),
            "blob" => new BlobLakeStorage(CreateContainerClient(options)),
            _ => throw new InvalidOperationException(
                $"{LakeOptions.Section}:{nameof(LakeOptions.Backend)} is '{options.Backend}'; use 'Local' or 'Blob'."),
        };
    }

    private static LocalFolderLakeStorage CreateLocal(LakeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.LocalPath))
        {
            throw new InvalidOperationException(
                $"{LakeOptions.Section}:{nameof(LakeOptions.Backend)} is 'Local' but {LakeOptions.Section}:{nameof(LakeOptions.LocalPath)} is empty.");
        }

        return new LocalFolderLakeStorage(options.LocalPath);
    }

    private static BlobContainerClient CreateContainerClient(LakeOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Container))
        {
            throw new InvalidOperationException(
                $"{LakeOptions.Section}:{nameof(LakeOptions.Backend)} is 'Blob' but {LakeOptions.Section}:{nameof(LakeOptions.Container)} is empty.");
        }

        // A connection string (Azurite, or an account key from Key Vault) wins over the account URL.
        if (!string.IsNullOrWhiteSpace(options.BlobConnectionString))
        {
            try
            {
                return new BlobContainerClient(options.BlobConnectionString, options.Container);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                // The message must not echo the connection string: it holds the account key.
                throw new InvalidOperationException(
                    $"{LakeOptions.Section}:{nameof(LakeOptions.BlobConnectionString)} is not a valid storage connection string.");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.BlobAccountUrl))
        {
            if (!Uri.TryCreate(options.BlobAccountUrl, UriKind.Absolute, out var accountUrl) || accountUrl.Scheme is not ("https" or "http"))
            {
                throw new InvalidOperationException(
                    $"{LakeOptions.Section}:{nameof(LakeOptions.BlobAccountUrl)} '{options.BlobAccountUrl}' is not an absolute http(s) URL " +
                    "such as https://account.blob.core.windows.net.");
            }

            return new BlobServiceClient(accountUrl, new DefaultAzureCredential()).GetBlobContainerClient(options.Container);
        }

        throw new InvalidOperationException(
            $"{LakeOptions.Section}:{nameof(LakeOptions.Backend)} is 'Blob' but neither {LakeOptions.Section}:{nameof(LakeOptions.BlobConnectionString)} " +
            $"nor {LakeOptions.Section}:{nameof(LakeOptions.BlobAccountUrl)} is set.");
    }
}
