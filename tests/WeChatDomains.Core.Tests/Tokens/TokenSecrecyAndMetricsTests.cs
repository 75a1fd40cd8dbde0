using System.Globalization;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class TokenSecrecyAndMetricsTests : IDisposable
{
    private readonly TokenTestHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task RunAsync_WithRefreshesFailuresAndRotations_NoSecretInAnyLogLineOrExceptionMessage()
    {
        _host.PushTicket();
        _host.WeChat.RotateRefreshTokens = true;
        for (var i = 0; i < 6; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i));
        }

        _host.WeChat.AuthorizerErrorCode = appId => appId.EndsWith('1') ? 61023 : appId.EndsWith('2') ? 45009 : 0;
        _host.Vault.WriteFault = name => name.Contains("0003", StringComparison.Ordinal) ? new InvalidOperationException("vault down") : null;
        var provider = _host.CreateProvider();

        var result = await _host.CreateSweep(provider).RunAsync();
        var rejected = await provider.RefreshAfterRejectionAsync(TokenKey.Authorizer(TokenTestHost.AppIdOf(4)), new("not-a-current-token"));

        Assert.Equal(4, result.Refreshed);
        Assert.NotNull(rejected.Token);
        var text = string.Join("\n", _host.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"))
            + string.Join("\n", result.FailedByErrorCode.Keys.Select(k => k.ToString(CultureInfo.InvariantCulture)));
        Assert.NotEmpty(_host.Logs.GetSnapshot());
        foreach (var secret in Secrets())
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        }

        var registryErrors = string.Join("\n", Enumerable.Range(0, 6).Select(i => _host.Registry.Peek(TokenTestHost.AppIdOf(i))?.LastRefreshError));
        Assert.All(Secrets(), secret => Assert.DoesNotContain(secret, registryErrors, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RefreshesCountedByOutcomeAndNearestExpiryGauged()
    {
        _host.PushTicket();
        _host.AddAuthorizer(TokenTestHost.AppIdOf(1));
        _host.AddAuthorizer(TokenTestHost.AppIdOf(2));
        _host.WeChat.AuthorizerErrorCode = appId => appId.EndsWith('2') ? 45009 : 0;
        using var refreshes = new MetricCollector<long>(_host.Meters, TokenMetrics.MeterName, TokenMetrics.RefreshesInstrument);
        using var nearest = new MetricCollector<double>(_host.Meters, TokenMetrics.MeterName, TokenMetrics.NearestExpiryInstrument);

        await _host.CreateSweep().RunAsync();
        _host.Time.Advance(TimeSpan.FromMinutes(20));
        nearest.RecordObservableInstruments();

        var byOutcome = refreshes.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(2, byOutcome[nameof(RefreshStatus.Refreshed)]);
        Assert.Equal(1, byOutcome[nameof(RefreshStatus.Failed)]);
        Assert.Equal((FakeWeChat.TokenLifetime - TimeSpan.FromMinutes(20)).TotalSeconds, nearest.LastMeasurement?.Value);
    }

    private IEnumerable<string> Secrets() =>
        _host.WeChat.IssuedValues
            .Concat(_host.Vault.All.Select(s => s.Value))
            .Append(TokenTestHost.Ticket)
            .Append(TokenTestHost.ComponentSecret)
            .Append("refresh-secret-");
}
