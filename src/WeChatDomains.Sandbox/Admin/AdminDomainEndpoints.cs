using WeChatDomains.Sandbox.Apis;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Admin;

/// <summary>
/// Admin routes of the domain family (issue 14): an authorizer's domains changed in WeChat's console, and confirm files
/// placed at a host's root (what WeChat checks before setwebviewdomain_directly and modify_wxa_jump_domain accept a host).
/// </summary>
internal static class AdminDomainEndpoints
{
    public static RouteGroupBuilder MapSandboxDomainAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPut("/authorizers/{appid}/domains", PutConsoleDomains);
        admin.MapPut("/hosts/{host}/confirmfile", PutConfirmFile);
        admin.MapDelete("/hosts/{host}/confirmfile", (string host, SandboxState state) =>
            state.Run(s => s.ServedFiles.Remove(host)) ? Results.NoContent() : Results.NotFound(new AdminError($"no confirm file at {host}")));
        return admin;
    }

    private static IResult PutConsoleDomains(string appid, ConsoleDomainsModel model, SandboxState state, SandboxClock clock)
    {
        var month = SandboxClock.CstMonth(clock.Now);
        var updated = state.Run(s =>
        {
            if (!s.Authorizers.TryGetValue(appid, out var authorizer))
            {
                return null;
            }

            AdminMapping.ApplyConsoleDomains(authorizer, model);
            return AdminMapping.ToModel(authorizer, month);
        });
        return updated is null ? Results.NotFound(new AdminError($"no authorizer {appid}")) : Results.Ok(updated);
    }

    private static IResult PutConfirmFile(string host, ConfirmFileModel model, SandboxState state)
    {
        var name = host.Trim().ToLowerInvariant();
        if (!DomainRules.IsBareHost(name))
        {
            return Results.BadRequest(new AdminError($"{host} is not a bare host"));
        }

        var file = new ConfirmFileState(model.FileName, model.FileContent);
        state.Run(s => s.ServedFiles[name] = file);
        return Results.Ok(new ServedConfirmFileModel(name, model.FileName));
    }
}

/// <summary>Answer of <c>PUT /sandbox/hosts/{host}/confirmfile</c>: where the file now sits.</summary>
public sealed record ServedConfirmFileModel(string Host, string FileName);
