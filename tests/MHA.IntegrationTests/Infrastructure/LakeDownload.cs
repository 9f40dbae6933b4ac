using Azure.Storage.Blobs;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>Copies a Blob lake (Azurite) into a local folder with the Azure SDK, so DuckDB can read it without extensions.</summary>
public static class LakeDownload
{
    public static async Task<string> ToLocalFolderAsync(string connectionString, string container)
    {
        var target = Path.Combine(Path.GetTempPath(), "mha-tests", Guid.NewGuid().ToString("N"), "lake-copy");
        var client = new BlobContainerClient(connectionString, container);
        await foreach (var blob in client.GetBlobsAsync())
        {
            var path = Path.Combine(target, blob.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await client.GetBlobClient(blob.Name).DownloadToAsync(path);
        }

        return target;
    }
}
