using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.DataProtection;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Vault;

/// <summary>
/// The local vault of the self-hosted Host (no Key Vault on a laptop): one file per secret in a folder, holding the
/// value, expiry and write time encrypted with ASP.NET Core Data Protection (purpose
/// <see cref="VaultConstants.FileVaultPurpose"/>). Writes go to a temporary file that is then moved over the old one,
/// so a reader sees the old version or the new one, never half a file. Names follow Key Vault's rule
/// (1-127 of <c>[0-9A-Za-z-]</c>), which also keeps them inside the folder.
/// </summary>
public sealed partial class DataProtectionFileVault : ISecretVault
{
    private readonly IDataProtector _protector;
    private readonly DirectoryInfo _directory;
    private readonly TimeProvider _time;

    /// <summary>Creates the vault in <paramref name="directory"/> (created when missing).</summary>
    public DataProtectionFileVault(IDataProtectionProvider protection, DirectoryInfo directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(protection);
        _directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _protector = protection.CreateProtector(VaultConstants.FileVaultPurpose);
        _directory.Create();
    }

    /// <inheritdoc />
    public async Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = await File.ReadAllBytesAsync(PathOf(name), cancellationToken).ConfigureAwait(false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        FileVaultEntry entry;
        try
        {
            entry = JsonSerializer.Deserialize<FileVaultEntry>(_protector.Unprotect(sealedBytes))
                ?? throw new InvalidDataException($"The vault file of secret '{name}' is empty.");
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The vault file of secret '{name}' cannot be decrypted (was the key ring changed?).", ex);
        }

        return new VaultSecret(name, entry.Value, entry.ExpiresOn, entry.UpdatedOn);
    }

    /// <inheritdoc />
    public async Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = PathOf(name);
        var entry = new FileVaultEntry(value, expiresOn, _time.GetUtcNow());
        var sealedBytes = _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(entry));
        var temporary = Path.Combine(_directory.FullName, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllBytesAsync(temporary, sealedBytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(name));
        return Task.CompletedTask;
    }

    private string PathOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!SecretName().IsMatch(name))
        {
            throw new ArgumentException("A secret name is 1-127 letters, digits and dashes.", nameof(name));
        }

        return Path.Combine(_directory.FullName, name + VaultConstants.FileVaultExtension);
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    private sealed record FileVaultEntry(string Value, DateTimeOffset? ExpiresOn, DateTimeOffset UpdatedOn)
    {
        public override string ToString() => $"FileVaultEntry {{ ExpiresOn = {ExpiresOn}, UpdatedOn = {UpdatedOn} }}";
    }
}
