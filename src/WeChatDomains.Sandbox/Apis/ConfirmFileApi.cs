using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Apis;

/// <summary>
/// <c>get_domain_confirmfile</c> (component token: the platform's file, for its business domains) and
/// <c>get_webviewdomain_confirmfile</c> (authorizer token: the authorizer's file, for setwebviewdomain_directly). The
/// name and content are stable per appid (<see cref="ConfirmFileState.Of"/>).
/// </summary>
internal static class ConfirmFileApi
{
    public static WeChatReply Platform(SandboxState state, ApiRequest<EmptyBody> request) => Reply(ConfirmFileState.Of(state.Platform.AppId));

    public static WeChatReply Authorizer(SandboxState state, ApiRequest<EmptyBody> request) => Reply(ConfirmFileState.Of(request.Subject));

    private static WeChatReply Reply(ConfirmFileState file) =>
        WeChatReply.Ok().With("file_name", file.FileName).With("file_content", file.FileContent);
}
