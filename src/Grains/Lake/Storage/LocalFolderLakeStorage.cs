namespace MHA.Grains.Lake.Storage;

/// <summary>The lake in a local folder. Writes go to a temporary file that is then renamed, so readers never see a partial file.</summary>
public sealed class LocalFolderLakeStorage : ILakeStorage
{
    private const string TemporarySuffix = ".writing";
    private readonly string _root;

    public LocalFolderLakeStorage(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(_root);
    }

    public string Location => _root;

    public async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var target = FullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temporary = $"{target}.{Guid.NewGuid():N}{TemporarySuffix}";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    public Task<byte[]> ReadAsync(string path, CancellationToken cancellationToken = default) =>
        File.ReadAllBytesAsync(FullPath(path), cancellationToken);

    public Task<IReadOnlyList<LakeFile>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var directory = FullPath(prefix.Contains('/') ? prefix[..prefix.LastIndexOf('/')] : "");
        IReadOnlyList<LakeFile> files = !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(TemporarySuffix, StringComparison.Ordinal))
                .Select(f => (File: new FileInfo(f), Path: Path.GetRelativePath(_root, f).Replace('\\', '/')))
                .Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .Select(f => new LakeFile(f.Path, f.File.Length, f.File.LastWriteTimeUtc))
                .ToArray();
        return Task.FromResult(files);
    }

    public Task DeleteAsync(string path, CancellationToken cancellationToken = default)
    {
        File.Delete(FullPath(path));
        return Task.CompletedTask;
    }

    private string FullPath(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_root, path));
        if (!full.StartsWith(_root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Lake path '{path}' leaves the lake root.", nameof(path));
        }

        return full;
    }
}
