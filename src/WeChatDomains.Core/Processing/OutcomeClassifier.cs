using WeChatDomains.Core.Execution;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// The errcode catalog's class refined by context (DESIGN section 4): 89022 is NoChange only for a delete; 85017 is
/// NoChange only when a follow-up get shows every requested domain already in place, Configuration otherwise.
/// </summary>
public static class OutcomeClassifier
{
    /// <summary>Classifies <paramref name="outcome"/> of a call of <paramref name="api"/> with <paramref name="action"/>.</summary>
    /// <param name="api">The API called.</param>
    /// <param name="action">The body's action.</param>
    /// <param name="outcome">What the call returned.</param>
    /// <param name="followUpGet">Reads whether the request is already in place (null when it cannot tell).</param>
    public static async Task<WeChatErrorClass> ClassifyAsync(string api, string? action, CallOutcome outcome, Func<Task<bool?>> followUpGet)
    {
        var code = outcome.ErrorCode;
        if (code == WeChatErrorCode.DeleteDomainNotExist)
        {
            return action == DomainAction.Delete ? WeChatErrorClass.NoChange : WeChatErrorClass.Unknown;
        }

        if (code == WeChatErrorCode.NoDomainModified && api is WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly)
        {
            return await followUpGet() == true ? WeChatErrorClass.NoChange : WeChatErrorClass.Configuration;
        }

        return code.Class;
    }
}
