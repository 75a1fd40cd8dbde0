namespace WeChatDomains.Azure.TableStorage;

/// <summary>Defaults and fixed limits of the Table Storage adapters.</summary>
public static class TableStorageConstants
{
    /// <summary>Configuration section the hosts bind <see cref="TableStorageOptions"/> from.</summary>
    public const string SectionName = "TableStorage";

    /// <summary>Table of command records and their attempts.</summary>
    public const string CommandsTable = "commands";

    /// <summary>Table of pointer rows (by authorizer, failed, deferred, lane) into <see cref="CommandsTable"/>.</summary>
    public const string CommandIndexTable = "commandindex";

    /// <summary>Table of authorizer records, their monthly ledgers and the by-state index.</summary>
    public const string AuthorizersTable = "authorizers";

    /// <summary>Table of named leases.</summary>
    public const string LeasesTable = "leases";

    /// <summary>
    /// Characters kept in one string property: Table Storage allows 64 KiB per property and stores UTF-16, so 32,000
    /// characters (64,000 bytes) stay under the limit.
    /// </summary>
    public const int MaxStringChars = 32_000;

    /// <summary>Properties a command's <c>Body</c> may span (about 384 KB).</summary>
    public const int BodyMaxChunks = 6;

    /// <summary>Properties a command's <c>Response</c> may span (about 384 KB).</summary>
    public const int ResponseMaxChunks = 6;

    /// <summary>Properties each of an authorizer's domain lists may span (about 256 KB each).</summary>
    public const int DomainsMaxChunks = 4;

    /// <summary>Record point reads run in parallel when a page of pointers is resolved.</summary>
    public const int ReadParallelism = 8;

    /// <summary>Pointer rows examined per requested item before a verifying scan gives up (stale pointers are removed as they are seen).</summary>
    public const int ScanFactor = 4;

    /// <summary>Upper bound of each count <c>CountProblemsAsync</c> returns.</summary>
    public const int ProblemCountCap = 10_000;

    /// <summary>How far back <c>CountProblemsAsync</c> counts Failed commands.</summary>
    public static readonly TimeSpan FailedCountWindow = TimeSpan.FromHours(24);
}
