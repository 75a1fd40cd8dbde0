using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Core.Profiles;

/// <summary>What happened to one planned command when it was submitted.</summary>
public enum AppliedState
{
    /// <summary>Recorded and put on the queue.</summary>
    Enqueued,

    /// <summary>Already submitted earlier (same commandId): nothing new was enqueued.</summary>
    AlreadySubmitted,

    /// <summary>Refused by the command validation (a bug in the profile or the planner; logged with its reasons).</summary>
    Rejected,
}

/// <summary>
/// Applies a plan through the same command pipeline as any other command: each planned command gets its deterministic
/// commandId, is validated and recorded by <see cref="CommandSubmission"/>, and enqueued by the host's
/// <see cref="ICommandSender"/>. A repeat of the same id enqueues nothing new once the first was taken off Accepted.
/// </summary>
public sealed class ProfileApplier(CommandSubmission submission, ICommandSender sender, ILogger<ProfileApplier> logger)
{
    /// <summary>The appid part of the ids of platform-tier commands.</summary>
    public const string PlatformTarget = "platform";

    /// <summary>Submits <paramref name="commands"/> for <paramref name="appId"/> (null: the platform tier) under <paramref name="profile"/>.</summary>
    public async Task<IReadOnlyList<(string CommandId, AppliedState State)>> ApplyAsync(
        DomainProfile profile, string? appId, IReadOnlyList<PlannedCommand> commands, string purpose, string? round = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(commands);
        var results = new List<(string, AppliedState)>();
        foreach (var command in commands)
        {
            var commandId = ProfileCommandIds.For(profile.Name, profile.Version, appId ?? PlatformTarget, command.Api, round);
            var envelope = new JsonObject { ["commandId"] = commandId, ["api"] = command.Api };
            if (appId is not null)
            {
                envelope["authorizerAppId"] = appId;
            }

            envelope["body"] = command.Body.DeepClone();
            envelope["requestedBy"] = ProfileCommandIds.RequestedBy(profile.Name, purpose);
            results.Add((commandId, await SubmitAsync(envelope, null, cancellationToken)));
        }

        return results;
    }

    /// <summary>Validates, records and enqueues one command envelope, visible from <paramref name="visibleAt"/> (now when null).</summary>
    public async Task<AppliedState> SubmitAsync(JsonObject envelope, DateTimeOffset? visibleAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var body = System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
        switch (await submission.SubmitAsync(body, cancellationToken))
        {
            case SubmissionResult.Accepted { ToEnqueue: { } message }:
                await sender.EnqueueAsync(message.CommandId, message.SessionKey, message.Body, visibleAt, cancellationToken);
                return AppliedState.Enqueued;
            case SubmissionResult.Rejected rejected:
                Log.ProfileCommandRejected(logger, (string?)envelope["commandId"] ?? "", string.Join("; ", rejected.Reasons));
                return AppliedState.Rejected;
            default:
                return AppliedState.AlreadySubmitted;
        }
    }
}
