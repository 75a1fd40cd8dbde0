using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientCallLimitTests
{
    private static readonly AccessToken Token = new("AUTHORIZER-TOKEN-limit");

    [Fact]
    public async Task MaxConcurrentCalls_Two_HoldsTheThirdCallUntilOneAnswers()
    {
        var wechat = new HeldWeChat();
        using var provider = CreateProvider(wechat, maxConcurrentCalls: 2);
        var sut = provider.GetRequiredService<IWeChatClient>();

        var calls = Enumerable.Range(0, 3).Select(_ => sut.GetEffectiveDomainAsync(Token)).ToArray();
        await wechat.WaitForInFlightAsync(2);
        var heldBack = wechat.Arrived;
        wechat.AnswerOne();
        await wechat.WaitForArrivedAsync(3);
        wechat.AnswerAll();
        var results = await Task.WhenAll(calls);

        Assert.Equal(2, heldBack);
        Assert.Equal(2, wechat.MaxInFlight);
        Assert.All(results, r => Assert.True(r.IsSuccess));
    }

    [Fact]
    public async Task MaxConcurrentCalls_Zero_SendsEveryCallAtOnce()
    {
        var wechat = new HeldWeChat();
        using var provider = CreateProvider(wechat, maxConcurrentCalls: 0);
        var sut = provider.GetRequiredService<IWeChatClient>();

        var calls = Enumerable.Range(0, 5).Select(_ => sut.GetEffectiveDomainAsync(Token)).ToArray();
        await wechat.WaitForInFlightAsync(5);
        wechat.AnswerAll();
        await Task.WhenAll(calls);

        Assert.Equal(5, wechat.MaxInFlight);
    }

    private static ServiceProvider CreateProvider(HeldWeChat wechat, int maxConcurrentCalls)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWeChatClient(options =>
        {
            options.BaseUrl = new Uri("http://wechat.invalid/");
            options.MaxConcurrentCalls = maxConcurrentCalls;
        }).ConfigurePrimaryHttpMessageHandler(() => wechat);
        return services.BuildServiceProvider();
    }

    /// <summary>A WeChat that holds every request until the test answers it, and counts what is in flight.</summary>
    private sealed class HeldWeChat : HttpMessageHandler
    {
        private readonly Lock _gate = new();
        private readonly Queue<TaskCompletionSource> _held = new();
        private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];
        private int _inFlight;

        public int Arrived { get; private set; }

        public int MaxInFlight { get; private set; }

        public Task WaitForInFlightAsync(int count) => WaitAsync(() => _inFlight >= count);

        public Task WaitForArrivedAsync(int count) => WaitAsync(() => Arrived >= count);

        public void AnswerOne()
        {
            lock (_gate)
            {
                _held.Dequeue().SetResult();
            }
        }

        public void AnswerAll()
        {
            lock (_gate)
            {
                while (_held.TryDequeue(out var answer))
                {
                    answer.SetResult();
                }
            }
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                Arrived++;
                _inFlight++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
                _held.Enqueue(answer);
                Signal();
            }

            await answer.Task.WaitAsync(cancellationToken);
            lock (_gate)
            {
                _inFlight--;
            }

            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"errcode":0,"errmsg":"ok","effective_domain":{},"mp_domain":{},"third_domain":{},"direct_domain":{}}""", Encoding.UTF8, "application/json"),
            };
        }

        private Task WaitAsync(Func<bool> done)
        {
            lock (_gate)
            {
                if (done())
                {
                    return Task.CompletedTask;
                }

                var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((done, signal));
                return signal.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
            }
        }

        private void Signal()
        {
            foreach (var waiter in _waiters.Where(w => w.Done()).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Signal.SetResult();
            }
        }
    }
}
