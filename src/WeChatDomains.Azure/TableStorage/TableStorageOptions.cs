using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Where the tables live. Either <see cref="ConnectionString"/> (Azurite, local runs) or <see cref="ServiceUri"/>
/// (Azure, signed in with <c>DefaultAzureCredential</c>); the connection string wins when both are set.
/// </summary>
public sealed class TableStorageOptions : IValidatableObject
{
    /// <summary>A storage connection string (e.g. Azurite's).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table service endpoint, e.g. <c>https://account.table.core.windows.net</c>.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>Prefix of every table name (letters and digits, starting with a letter), so deployments and tests can share an account.</summary>
    [RegularExpression("^([A-Za-z][A-Za-z0-9]{0,40})?$")]
    public string TablePrefix { get; set; } = string.Empty;

    /// <summary>
    /// Who this instance holds its leases as (timers, token refreshes). Set it to an id that survives a restart (a
    /// container or instance name) so that a restarted instance takes back the leases it left at once; two running
    /// instances must never share it. Empty: a new id for each start.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9._:-]{0,128}$")]
    public string? LeaseHolder { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && ServiceUri is null)
        {
            yield return new ValidationResult(
                "Set TableStorage:ConnectionString or TableStorage:ServiceUri.",
                [nameof(ConnectionString), nameof(ServiceUri)]);
        }
    }
}
