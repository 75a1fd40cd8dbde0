using Azure.Core.Pipeline;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.TableStorage;

/// <summary>
/// An HTTP handler under the Table clients' transport that lets storage apply the next request <see cref="Armed"/> for
/// and then resets the connection, as a network fault after the write would: the SDK retries a write storage already made.
/// </summary>
internal sealed class LostAnswer : DelegatingHandler
{
    private Func<HttpRequestMessage, bool>? _armed;

    private LostAnswer()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>How many answers were lost so far.</summary>
    public int Lost { get; private set; }

    /// <summary>Tables like <see cref="TestTables.Create"/> whose requests go through <paramref name="handler"/>.</summary>
    public static TableStorageTables Tables(AzuriteFixture azurite, out LostAnswer handler)
    {
        handler = new LostAnswer();
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        return new TableStorageTables(new TableServiceClient(azurite.ConnectionString, options), AzuriteFixture.UniqueName("t"));
    }

    /// <summary>Loses the answer of the next request matching <paramref name="request"/> (once).</summary>
    public void Armed(Func<HttpRequestMessage, bool> request) => _armed = request;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (_armed is { } armed && armed(request))
        {
            _armed = null;
            Lost++;
            response.Dispose();
            throw new HttpRequestException("Connection reset after the write (test).", new IOException("Connection reset by peer (test)."));
        }

        return response;
    }
}
