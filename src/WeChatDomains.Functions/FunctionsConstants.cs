namespace WeChatDomains.Functions;

/// <summary>Names, settings and schedules of the Functions app (docs/functions.md lists every setting).</summary>
public static class FunctionsConstants
{
    /// <summary>
    /// Prefix of the identity-based Service Bus connection: the host reads <c>ServiceBus__fullyQualifiedNamespace</c>
    /// (and optionally <c>ServiceBus__credential</c> / <c>ServiceBus__clientId</c>); the app's own sender reads the same.
    /// </summary>
    public const string ServiceBusConnection = "ServiceBus";

    /// <summary>The app setting that names the commands queue.</summary>
    public const string CommandsQueueSetting = "CommandsQueueName";

    /// <summary>The trigger's queue name, resolved from <see cref="CommandsQueueSetting"/>.</summary>
    public const string CommandsQueueExpression = "%" + CommandsQueueSetting + "%";

    /// <summary>Token refresh: every 5 minutes (tokens live 7200 s; the sweep refreshes well before expiry).</summary>
    public const string RefreshTokensSchedule = "0 */5 * * * *";

    /// <summary>Reconciliation of api_get_authorizer_list with the registry and Key Vault: every 6 hours, at minute 17.</summary>
    public const string ReconcileAuthorizersSchedule = "0 17 */6 * * *";

    /// <summary>Release of due Deferred commands: every minute (RateLimited defers to the next minute).</summary>
    public const string ReleaseDeferredSchedule = "0 * * * * *";

    /// <summary>NCRONTAB of the rollout driver: every 10 seconds (a step is level-triggered and idempotent).</summary>
    public const string StepRolloutsSchedule = "*/10 * * * * *";

    /// <summary>NCRONTAB of the drift scan: daily at 02:00 UTC; its get calls are spread at Profiles:DriftCallsPerMinute.</summary>
    public const string ScanDriftSchedule = "0 0 2 * * *";

    /// <summary>Longest dead-letter description kept (Service Bus caps application property sizes).</summary>
    public const int MaxDeadLetterDescriptionLength = 1024;

    /// <summary>Longest Service Bus MessageId.</summary>
    public const int MaxMessageIdLength = 128;
}

/// <summary>Function names (as the host and the portal show them).</summary>
public static class FunctionNames
{
    /// <summary>The Service Bus trigger that applies commands.</summary>
    public const string ProcessDomainCommand = nameof(ProcessDomainCommand);

    /// <summary>The token refresh timer.</summary>
    public const string RefreshTokens = nameof(RefreshTokens);

    /// <summary>The timer that reconciles WeChat's authorizer list with the registry and Key Vault.</summary>
    public const string ReconcileAuthorizers = nameof(ReconcileAuthorizers);

    /// <summary>The timer that re-enqueues due Deferred commands.</summary>
    public const string ReleaseDeferredCommands = nameof(ReleaseDeferredCommands);

    /// <summary>POST /api/commands.</summary>
    public const string SubmitCommand = nameof(SubmitCommand);

    /// <summary>GET /api/commands.</summary>
    public const string ListCommands = nameof(ListCommands);

    /// <summary>GET /api/commands/{commandId}.</summary>
    public const string GetCommand = nameof(GetCommand);

    /// <summary>GET /api/authorizers/{appid}.</summary>
    public const string GetAuthorizer = nameof(GetAuthorizer);

    /// <summary>GET /api/health.</summary>
    public const string GetHealth = nameof(GetHealth);

    /// <summary>POST /api/wechat/events (anonymous).</summary>
    public const string ReceiveWeChatEvent = nameof(ReceiveWeChatEvent);

    /// <summary>GET /api/profiles.</summary>
    public const string ListProfiles = nameof(ListProfiles);

    /// <summary>PUT /api/profiles/{name}.</summary>
    public const string PutProfile = nameof(PutProfile);

    /// <summary>GET /api/profiles/{name}.</summary>
    public const string GetProfile = nameof(GetProfile);

    /// <summary>GET /api/profiles/{name}/plan.</summary>
    public const string PlanProfile = nameof(PlanProfile);

    /// <summary>PUT /api/authorizers/{appid}/profile.</summary>
    public const string AssignProfile = nameof(AssignProfile);

    /// <summary>POST /api/profiles/{name}/rollouts.</summary>
    public const string StartRollout = nameof(StartRollout);

    /// <summary>GET /api/rollouts.</summary>
    public const string ListRollouts = nameof(ListRollouts);

    /// <summary>GET /api/rollouts/{id}.</summary>
    public const string GetRollout = nameof(GetRollout);

    /// <summary>POST /api/rollouts/{id}/{verb} (pause, resume, abort).</summary>
    public const string ControlRollout = nameof(ControlRollout);

    /// <summary>POST /api/drift/scan.</summary>
    public const string ScanDriftNow = nameof(ScanDriftNow);

    /// <summary>GET /api/drift.</summary>
    public const string GetDrift = nameof(GetDrift);

    /// <summary>The daily drift scan timer.</summary>
    public const string ScanDrift = nameof(ScanDrift);

    /// <summary>The timer that steps every Running rollout.</summary>
    public const string StepRollouts = nameof(StepRollouts);
}
