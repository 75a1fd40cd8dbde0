using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Core.Status;

/// <summary>
/// The reads the HTTP API serves (DESIGN sections 3 and 8). Each is a point or single-partition query of the stores;
/// lists are paged with continuation tokens.
/// </summary>
public sealed class StatusQueries(
    ICommandStore commands,
    IAuthorizerRegistry registry,
    ISecretVault vault,
    TimeProvider time,
    ProcessingOptions options)
{
    /// <summary>Largest page the API returns.</summary>
    public const int MaxPageSize = 200;

    private static readonly TimeSpan TicketStaleAfter = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan TokenDangerZone = TimeSpan.FromMinutes(10);

    /// <summary>A command with its attempts, or null when the id is unknown.</summary>
    public async Task<CommandDetails?> GetCommandAsync(string commandId, CancellationToken cancellationToken = default)
    {
        var record = await commands.GetAsync(commandId, cancellationToken);
        return record is null ? null : new CommandDetails(record, await commands.GetAttemptsAsync(commandId, cancellationToken));
    }

    /// <summary>The newest commands of an authorizer (<c>component</c> for platform-level ones).</summary>
    public Task<Page<CommandRecord>> ListByAuthorizerAsync(string authorizerKey, int pageSize, string? continuation, CancellationToken cancellationToken = default) =>
        commands.ListByAuthorizerAsync(authorizerKey, ClampPage(pageSize), continuation, cancellationToken);

    /// <summary>Failed or Deferred commands across authorizers in a window.</summary>
    public Task<Page<CommandRecord>> ListByStateAsync(CommandState state, DateTimeOffset since, DateTimeOffset until, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        if (state is not (CommandState.Failed or CommandState.Deferred))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Only Failed and Deferred commands are listed across authorizers.");
        }

        return commands.ListByStateAsync(state, since, until, ClampPage(pageSize), continuation, cancellationToken);
    }

    /// <summary>An authorizer's registry entry with this month's quota use, or null when it is unknown.</summary>
    public async Task<AuthorizerView?> GetAuthorizerAsync(string appId, CancellationToken cancellationToken = default)
    {
        var authorizer = await registry.GetAsync(appId, cancellationToken);
        if (authorizer is null)
        {
            return null;
        }

        var month = ChinaTime.MonthKey(time.GetUtcNow());
        var ledger = await registry.GetLedgerAsync(appId, month, cancellationToken);
        return new AuthorizerView(authorizer, month, ledger.Used, options.MonthlyModificationQuota, ledger.Spent);
    }

    /// <summary>
    /// Ticket age, token expiries, and deferred and failed counts. Its reads are independent and go out together, so a
    /// call takes about the slowest of them, not their sum.
    /// </summary>
    public async Task<HealthView> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var ticketRead = vault.GetAsync(SecretNames.ComponentVerifyTicket, cancellationToken);
        var componentTokenRead = vault.GetAsync(SecretNames.ComponentAccessToken, cancellationToken);
        var activeCount = registry.CountAsync(AuthorizerState.Active, cancellationToken);
        var reauthCount = registry.CountAsync(AuthorizerState.NeedsReauthorization, cancellationToken);
        var nearestRead = registry.GetSoonestExpiryAsync(cancellationToken);
        var problemsCount = commands.CountProblemsAsync(cancellationToken);
        await Task.WhenAll(ticketRead, componentTokenRead, activeCount, reauthCount, nearestRead, problemsCount);

        var problems = new List<string>();
        var ticketAge = (await ticketRead)?.UpdatedOn is { } written ? now - written : (TimeSpan?)null;
        if (ticketAge is null)
        {
            problems.Add("no component_verify_ticket has been received");
        }
        else if (ticketAge > TicketStaleAfter)
        {
            problems.Add($"the last component_verify_ticket is {ticketAge.Value.TotalMinutes:F0} minutes old");
        }

        var componentExpiry = (await componentTokenRead)?.ExpiresOn;
        var (active, reauth, nearest) = (await activeCount, await reauthCount, await nearestRead);
        if (nearest is not null && nearest - now < TokenDangerZone)
        {
            problems.Add($"an authorizer token expires at {nearest:O}");
        }

        if (reauth > 0)
        {
            problems.Add($"{reauth} authorizer(s) need re-authorization");
        }

        var (failed, deferred) = await problemsCount;
        return new HealthView(now, ticketAge, componentExpiry, nearest, active, reauth, deferred, failed, problems.Count == 0, problems);
    }

    private static int ClampPage(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}
