using Azure.Storage;
using Azure.Storage.Blobs;
using MHA.Grains.Lake.Storage;
using MHA.IntegrationTests.Infrastructure;

namespace MHA.IntegrationTests;

/// <summary>The same contract checked on both lake backends: a local temporary folder and a container in Azurite.</summary>
public sealed class LakeStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const int BigFileBytes = 20 * 1024 * 1024;
    private readonly List<string> _localFolders = [];

    public static TheoryData<string> Backends => ["Local", "Blob"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Written_bytes_read_back_identical(string backend)
    {
        var lake = Create(backend);
        var content = RandomBytes(100_000, seed: 1);

        await lake.WriteAsync("bronze/a.bin", content, TestContext.Current.CancellationToken);
        await lake.WriteAsync("bronze/empty.bin", ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);

        Assert.Equal(content, await lake.ReadAsync("bronze/a.bin", TestContext.Current.CancellationToken));
        Assert.Empty(await lake.ReadAsync("bronze/empty.bin", TestContext.Current.CancellationToken));
        var files = await lake.ListAsync("bronze/", TestContext.Current.CancellationToken);
        Assert.Equal([("bronze/a.bin", 100_000L), ("bronze/empty.bin", 0L)], files.Select(f => (f.Path, f.Size)));
        Assert.All(files, f => Assert.InRange(f.LastModified, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5)));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Overwrite_replaces_the_whole_file(string backend)
    {
        var lake = Create(backend);
        await lake.WriteAsync("silver/x.parquet", RandomBytes(5_000, seed: 2), TestContext.Current.CancellationToken);
        var second = RandomBytes(1_234, seed: 3);

        await lake.WriteAsync("silver/x.parquet", second, TestContext.Current.CancellationToken);

        Assert.Equal(second, await lake.ReadAsync("silver/x.parquet", TestContext.Current.CancellationToken));
        var file = Assert.Single(await lake.ListAsync("silver/", TestContext.Current.CancellationToken));
        Assert.Equal(("silver/x.parquet", 1_234L), (file.Path, file.Size));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task List_filters_by_prefix_in_path_order(string backend)
    {
        var lake = Create(backend);
        string[] paths =
        [
            "silver/adt_events/ingest_date=2026-11-25/part-1.parquet",
            "bronze/adt_events/ingest_date=2026-11-25/part-2.parquet",
            "bronze/adt_events_old/part-1.parquet",
            "bronze/adt_events/ingest_date=2026-11-24/part-1.parquet",
            "bronze/adt_events/ingest_date=2026-11-25/part-10.parquet",
            "bronze/adt_events/ingest_date=2026-11-25/part-1.parquet",
            "bronze/labs/ingest_date=2026-11-25/part-1.parquet",
        ];
        foreach (var path in paths)
        {
            await lake.WriteAsync(path, RandomBytes(10, seed: path.Length), TestContext.Current.CancellationToken);
        }

        Assert.Equal(
            [
                "bronze/adt_events/ingest_date=2026-11-24/part-1.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-1.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-10.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-2.parquet",
            ],
            await ListPaths(lake, "bronze/adt_events/"));
        // A prefix is a string prefix, not a folder: it also matches siblings that start the same way.
        Assert.Equal(
            [
                "bronze/adt_events/ingest_date=2026-11-24/part-1.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-1.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-10.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-2.parquet",
                "bronze/adt_events_old/part-1.parquet",
            ],
            await ListPaths(lake, "bronze/adt_events"));
        Assert.Equal(
            [
                "bronze/adt_events/ingest_date=2026-11-25/part-1.parquet",
                "bronze/adt_events/ingest_date=2026-11-25/part-10.parquet",
            ],
            await ListPaths(lake, "bronze/adt_events/ingest_date=2026-11-25/part-1"));
        Assert.Equal(paths.Order(StringComparer.Ordinal), await ListPaths(lake, ""));
        Assert.Empty(await ListPaths(lake, "gold/"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Delete_removes_only_that_file(string backend)
    {
        var lake = Create(backend);
        await lake.WriteAsync("bronze/keep.bin", RandomBytes(10, seed: 4), TestContext.Current.CancellationToken);
        await lake.WriteAsync("bronze/drop.bin", RandomBytes(10, seed: 5), TestContext.Current.CancellationToken);

        await lake.DeleteAsync("bronze/drop.bin", TestContext.Current.CancellationToken);
        await lake.DeleteAsync("bronze/never-written.bin", TestContext.Current.CancellationToken);

        Assert.Equal(["bronze/keep.bin"], await ListPaths(lake, "bronze/"));
        await Assert.ThrowsAnyAsync<IOException>(() => lake.ReadAsync("bronze/drop.bin", TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Partition_folders_with_equals_signs_keep_their_names(string backend)
    {
        var lake = Create(backend);
        const string path = "bronze/adt_events/ingest_date=2026-11-25/hour=07/part-00001.parquet";
        var content = RandomBytes(2_000, seed: 6);

        await lake.WriteAsync(path, content, TestContext.Current.CancellationToken);

        Assert.Equal([path], await ListPaths(lake, "bronze/adt_events/ingest_date=2026-11-25/"));
        Assert.Equal(content, await lake.ReadAsync(path, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("Local", "../x")]
    [InlineData("Local", "bronze/../../x")]
    [InlineData("Blob", "../x")]
    [InlineData("Blob", "bronze/../../x")]
    public async Task Paths_leaving_the_root_are_refused(string backend, string path)
    {
        var lake = Create(backend);

        await Assert.ThrowsAsync<ArgumentException>(() => lake.WriteAsync(path, RandomBytes(1, seed: 7), TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => lake.ReadAsync(path, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => lake.DeleteAsync(path, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Twenty_concurrent_writes_all_land(string backend)
    {
        var lake = Create(backend);
        var contents = Enumerable.Range(0, 20)
            .ToDictionary(i => $"bronze/adt_events/ingest_date=2026-11-25/part-{i:D2}.parquet", i => RandomBytes(50_000 + i, seed: 100 + i));

        await Task.WhenAll(contents.Select(c => lake.WriteAsync(c.Key, c.Value, TestContext.Current.CancellationToken)));

        var files = await lake.ListAsync("bronze/", TestContext.Current.CancellationToken);
        Assert.Equal(contents.Keys.Order(StringComparer.Ordinal), files.Select(f => f.Path));
        Assert.All(files, f => Assert.Equal(contents[f.Path].Length, f.Size));
        foreach (var (path, content) in contents)
        {
            Assert.Equal(content, await lake.ReadAsync(path, TestContext.Current.CancellationToken));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_file_being_written_is_never_listed_partially(string backend)
    {
        var lake = Create(backend);
        const string path = "silver/adt_events/ingest_date=2026-11-25/part-big.parquet";
        var first = RandomBytes(BigFileBytes, seed: 8);
        var second = RandomBytes(BigFileBytes + 4_096, seed: 9);
        var seenSizes = new HashSet<long>();
        var otherPaths = new HashSet<string>();
        var listings = 0;

        using var writesDone = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var writes = Task.Run(async () =>
        {
            try
            {
                await lake.WriteAsync(path, first, TestContext.Current.CancellationToken);
                await lake.WriteAsync(path, second, TestContext.Current.CancellationToken);
            }
            finally
            {
                await writesDone.CancelAsync();
            }
        }, TestContext.Current.CancellationToken);
        while (!writesDone.IsCancellationRequested)
        {
            foreach (var file in await lake.ListAsync("silver/", TestContext.Current.CancellationToken))
            {
                if (file.Path == path) seenSizes.Add(file.Size);
                else otherPaths.Add(file.Path);
            }

            listings++;
        }

        await writes;
        TestContext.Current.TestOutputHelper?.WriteLine($"{backend}: {listings} listings, sizes seen: {string.Join(", ", seenSizes)}");
        Assert.True(listings > 1, $"only {listings} listing(s) ran during the writes");
        Assert.Empty(otherPaths);
        Assert.Subset(new HashSet<long> { first.Length, second.Length }, seenSizes);
        Assert.Equal(second, await lake.ReadAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Blob_container_is_created_on_first_use_and_location_has_no_secret()
    {
        var container = $"lake-{Guid.NewGuid():N}";
        var lake = LakeStorageFactory.Create(new() { Backend = "Blob", BlobConnectionString = azurite.ConnectionString, Container = container });

        Assert.Empty(await lake.ListAsync("", TestContext.Current.CancellationToken));
        Assert.True(await new BlobContainerClient(azurite.ConnectionString, container).ExistsAsync(TestContext.Current.CancellationToken));
        Assert.Equal($"{azurite.BlobEndpoint}/{container}", lake.Location);
        Assert.DoesNotContain("AccountKey", lake.Location, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("sig=", lake.Location, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose()
    {
        foreach (var folder in _localFolders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private ILakeStorage Create(string backend)
    {
        if (backend == "Local")
        {
            var folder = Path.Combine(Path.GetTempPath(), $"mha-lake-{Guid.NewGuid():N}");
            _localFolders.Add(folder);
            return new LocalFolderLakeStorage(folder);
        }

        // A fresh container per test, created lazily by the storage itself. Transfers are cut to 4 MB so that the
        // 20 MB file goes up as staged blocks plus a final commit, the path big Parquet files take in production.
        var container = new BlobContainerClient(azurite.ConnectionString, $"lake-{Guid.NewGuid():N}");
        return new BlobLakeStorage(container, new StorageTransferOptions
        {
            InitialTransferSize = 4 * 1024 * 1024,
            MaximumTransferSize = 4 * 1024 * 1024,
            MaximumConcurrency = 2,
        });
    }

    private static async Task<string[]> ListPaths(ILakeStorage lake, string prefix) =>
        (await lake.ListAsync(prefix, TestContext.Current.CancellationToken)).Select(f => f.Path).ToArray();

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
