namespace MHA.UnitTests.Deploy;

/// <summary>One Blob Storage data request as a role assignment condition sees it: data action, suboperation, container, blob path or list prefix.</summary>
public sealed record BlobRequest(string Action, string Container, string? Path, string? SubOperation = null, string? Prefix = null)
{
    public const string Read = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read";
    public const string Write = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write";
    public const string Add = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action";
    public const string Delete = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete";
    public const string Move = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/move/action";

    public static BlobRequest ReadBlob(string container, string path) => new(Read, container, path);

    public static BlobRequest List(string container, string prefix) => new(Read, container, null, "Blob.List", prefix);

    public override string ToString() => $"{Action[(Action.IndexOf("blobs/", StringComparison.Ordinal) + 6)..]} {SubOperation} {Container}/{Path ?? Prefix}";
}
