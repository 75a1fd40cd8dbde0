using System.Text;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Steps the profile tests share: store a profile, onboard authorizers on it, read their domains with gets.</summary>
internal static class ProfileSteps
{
    public static Task<HttpResponseMessage> PutProfileAsync(this LocalSystem system, string name, string json) =>
        system.Api.PutAsync($"api/profiles/{name}", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Has the sandbox authorize each appid and waits for the profile's two onboarding commands of version 1.</summary>
    public static async Task OnboardOnProfileAsync(this LocalSystem system, string profile, params string[] appIds)
    {
        await system.OnboardAsync(appIds);
        foreach (var appId in appIds)
        {
            await system.WaitForEndAsync($"profile:{profile}:v1:{appId}:modify_domain");
            await system.WaitForEndAsync($"profile:{profile}:v1:{appId}:setwebviewdomain");
        }
    }

    /// <summary>Reads each authorizer's effective domains (quota-free gets) so the registry knows them.</summary>
    public static async Task ReadDomainsAsync(this LocalSystem system, string round, params string[] appIds)
    {
        foreach (var appId in appIds)
        {
            foreach (var api in new[] { "get_effective_domain", "get_effective_webviewdomain" })
            {
                var id = $"read-{round}-{appId}-{api}";
                using var response = await system.SubmitAsync(new { commandId = id, api, authorizerAppId = appId, body = new { }, requestedBy = "e2e" });
                Assert.Equal("Succeeded", (await system.WaitForEndAsync(id)).State);
            }
        }
    }
}
