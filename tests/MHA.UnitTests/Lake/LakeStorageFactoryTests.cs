using MHA.Grains.Lake;
using MHA.Grains.Lake.Storage;

namespace MHA.UnitTests.Lake;

public sealed class LakeStorageFactoryTests
{
    private const string FakeKey = "ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHk=";

    [Fact]
    public void Local_backend_is_a_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mha-lake-{Guid.NewGuid():N}");
        try
        {
            var lake = LakeStorageFactory.Create(new LakeOptions { Backend = "local", LocalPath = folder });

            Assert.IsType<LocalFolderLakeStorage>(lake);
            Assert.Equal(Path.GetFullPath(folder), lake.Location);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Blob_backend_with_a_connection_string_shows_the_container_without_the_key()
    {
        var lake = LakeStorageFactory.Create(new LakeOptions
        {
            Backend = "Blob",
            BlobConnectionString = $"DefaultEndpointsProtocol=https;AccountName=mhalake;AccountKey={FakeKey};EndpointSuffix=core.windows.net",
            Container = "lake",
        });

        Assert.IsType<BlobLakeStorage>(lake);
        Assert.Equal("https://mhalake.blob.core.windows.net/lake", lake.Location);
    }

    [Fact]
    public void Blob_backend_with_a_sas_connection_string_hides_the_signature()
    {
        var lake = LakeStorageFactory.Create(new LakeOptions
        {
            Backend = "Blob",
            BlobConnectionString = "BlobEndpoint=https://mhalake.blob.core.windows.net/;SharedAccessSignature=sv=2024-11-04&ss=b&sig=c2VjcmV0",
            Container = "lake",
        });

        Assert.Equal("https://mhalake.blob.core.windows.net/lake", lake.Location);
    }

    [Fact]
    public void Blob_backend_with_an_account_url_uses_the_url()
    {
        var lake = LakeStorageFactory.Create(new LakeOptions { Backend = "Blob", BlobAccountUrl = "https://mhalake.blob.core.windows.net", Container = "lake" });

        Assert.Equal("https://mhalake.blob.core.windows.net/lake", lake.Location);
    }

    [Theory]
    [InlineData("S3", "Lake:Backend is 'S3'")]
    [InlineData("", "Lake:Backend is ''")]
    public void Unknown_backend_is_refused(string backend, string message)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LakeStorageFactory.Create(new LakeOptions { Backend = backend }));

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Blob_backend_without_connection_settings_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LakeStorageFactory.Create(new LakeOptions { Backend = "Blob" }));

        Assert.Contains("neither Lake:BlobConnectionString nor Lake:BlobAccountUrl", error.Message);
    }

    [Fact]
    public void Blob_backend_without_container_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LakeStorageFactory.Create(new LakeOptions { Backend = "Blob", BlobAccountUrl = "https://mhalake.blob.core.windows.net", Container = " " }));

        Assert.Contains("Lake:Container is empty", error.Message);
    }

    [Fact]
    public void Malformed_connection_string_is_refused_without_echoing_it()
    {
        var connectionString = $"AccountName=mhalake;AccountKey={FakeKey};not-a-setting";

        var error = Assert.Throws<InvalidOperationException>(() =>
            LakeStorageFactory.Create(new LakeOptions { Backend = "Blob", BlobConnectionString = connectionString }));

        Assert.Contains("Lake:BlobConnectionString is not a valid", error.Message);
        Assert.DoesNotContain(FakeKey, error.ToString());
    }

    [Fact]
    public void Account_url_that_is_not_a_url_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LakeStorageFactory.Create(new LakeOptions { Backend = "Blob", BlobAccountUrl = "mhalake" }));

        Assert.Contains("Lake:BlobAccountUrl 'mhalake' is not an absolute", error.Message);
    }
}
