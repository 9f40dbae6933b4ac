using System.Security.Cryptography;

namespace MHA.Grains.Security;

/// <summary>
/// A random secret kept in a file on this machine, created on first use: what the embedded and local profiles use when
/// configuration gives no secret (development token signing key, patient-key HMAC secret). The Azure profile never does;
/// it requires its secrets from configuration (Key Vault).
/// </summary>
public static class LocalSecretFile
{
    /// <summary>Reads the secret at <paramref name="path"/>, or writes <paramref name="bytes"/> random bytes there first.</summary>
    public static byte[] ReadOrCreate(string path, int bytes = 32)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var existing = Convert.FromBase64String(File.ReadAllText(full).Trim());
            if (existing.Length >= 16) return existing;
            throw new InvalidOperationException($"The secret file {full} holds fewer than 16 bytes; delete it to create a new one.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var secret = RandomNumberGenerator.GetBytes(bytes);
        var temporary = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(secret));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            // Two processes starting together: the first rename wins, the other reads the winner's secret.
            File.Move(temporary, full, overwrite: false);
            return secret;
        }
        catch (IOException) when (File.Exists(full))
        {
            File.Delete(temporary);
            return Convert.FromBase64String(File.ReadAllText(full).Trim());
        }
    }
}
