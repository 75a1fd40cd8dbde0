using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Host.Timers;

namespace WeChatDomains.Host.Tests.Timers;

public sealed class TimerRegistrationTests
{
    [Fact]
    public void AddWeChatDomainsHost_TimersEnabled_RunsEveryTimer_Issue12()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.Configuration["Api:Key"] = "test-key";
        builder.AddWeChatDomainsHost();
        using var app = builder.Build();

        var timers = app.Services.GetServices<IHostedService>().OfType<LeasedTimerService>().Select(t => t.JobName).Order().ToList();

        string[] expected = [TimerConstants.DeferredReleaseLease, TimerConstants.TokenSweepLease, TokenConstants.ReconcileLeaseName, RolloutJob.Lease, DriftJob.Lease];
        Assert.Equal(expected.Order(), timers);
    }
}
