using MHA.Grains.Lake.Storage;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// A real local-folder lake that can be made unwritable: while <see cref="Unwritable"/> is set, writes and deletes
/// throw as a full or read-only disk does. A decorator rather than chmod because the tests may run as root, for
/// whom a read-only folder is still writable.
/// </summary>
public sealed class FailingLakeStorage(string root) : ILakeStorage
{
    private readonly LocalFolderLakeStorage _inner = new(root);

    public volatile bool Unwritable;

    public string Location => _inner.Location;

    public Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        Unwritable ? throw new IOException($"Read-only file system: '{path}'") : _inner.WriteAsync(path, content, cancellationToken);

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) => _inner.ReadAsync(path, cancellationToken);

    public Task<IReadOnlyList<LakeFile>> ListAsync(string prefix, CancellationToken cancellationToken = default) => _inner.ListAsync(prefix, cancellationToken);

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default) =>
        Unwritable ? throw new IOException($"Read-only file system: '{path}'") : _inner.DeleteAsync(path, cancellationToken);
}
