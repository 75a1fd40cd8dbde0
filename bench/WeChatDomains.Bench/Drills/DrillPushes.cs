using System.Net.Http.Json;
using System.Text.Json;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Push;

namespace WeChatDomains.Bench.Drills;

/// <summary>
/// Pushes as WeChat sends them, through the sandbox's admin API: delivered to the Host and sent again byte for byte
/// until the Host answers <c>success</c> (WeChat retries a push that was not answered so), or held (sent to an address
/// where nothing listens, so the sandbox keeps it but the Host never saw it) to be delivered later, out of order.
/// </summary>
internal sealed class DrillPushes(BenchWorld world, TimeSpan limit)
{
    /// <summary>An address where nothing listens: a held push is kept by the sandbox and reaches no one.</summary>
    private const string Nowhere = "http://127.0.0.1:9/api/wechat/events";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private long _resent;

    /// <summary>How many deliveries the Host did not answer with success (refused, 5xx, killed) and were sent again.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>Creates a push through <paramref name="route"/> and delivers it; returns its id in the sandbox's push log.</summary>
    public async Task<int> DeliverAsync(string route)
    {
        var first = await PostAsync(route, world.Host.EventsUrl.ToString());
        if (!first.Delivered)
        {
            Interlocked.Increment(ref _resent);
            await ResendAsync(first.PushId);
        }

        return first.PushId;
    }

    /// <summary>Creates a push through <paramref name="route"/> without delivering it; returns its id.</summary>
    public async Task<int> HoldAsync(string route)
    {
        var held = await PostAsync(route, Nowhere);
        return held.Delivered
            ? throw new InvalidOperationException($"{route}: push {held.PushId} was meant to be held but reached a receiver")
            : held.PushId;
    }

    /// <summary>Sends kept push <paramref name="id"/> to the Host, again and again until it answers success.</summary>
    public async Task ResendAsync(int id, string? what = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        var pause = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            var result = await PostAsync($"sandbox/pushes/{id}/resend", world.Host.EventsUrl.ToString());
            if (result.Delivered)
            {
                return;
            }

            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"push {id} {what} was not answered success within {limit}: last answer {result.StatusCode} {result.ResponseBody ?? result.Error}");
            }

            Interlocked.Increment(ref _resent);
            await Task.Delay(pause, TimeProvider.System);
            pause = pause * 2 < TimeSpan.FromSeconds(2) ? pause * 2 : TimeSpan.FromSeconds(2);
        }
    }

    private async Task<PushResult> PostAsync(string route, string url)
    {
        using var response = await world.Sandbox.Admin.PostAsJsonAsync(route, new PushRequest(url));
        var body = await response.Content.ReadAsStringAsync();
        try
        {
            return JsonSerializer.Deserialize<PushResult>(body, Json) is { PushId: > 0 } result
                ? result
                : throw new InvalidOperationException($"{route}: the sandbox answered {(int)response.StatusCode} {body}");
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"{route}: the sandbox answered {(int)response.StatusCode} {body}");
        }
    }
}
