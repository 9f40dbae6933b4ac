using MHA.Grains.Lake.Storage;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>A real local-folder lake whose writes take <c>delay</c> longer: the "deliberately slow lake" of backpressure tests.</summary>
public sealed class SlowLakeStorage(string root, TimeSpan delay) : ILakeStorage
{
    private readonly LocalFolderLakeStorage _inner = new(root);

    public string Location => _inner.Location;

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        await Task.Delay(delay, cancellationToken);
        await _inner.WriteAsync(path, content, cancellationToken);
    }

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) => _inner.ReadAsync(path, cancellationToken);

    public Task<IReadOnlyList<LakeFile>> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default) => _inner.DeleteAsync(path, cancellationToken);
}
