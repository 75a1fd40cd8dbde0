using System.Net;
using System.Text;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// The HTTP handler under the Table and Queue clients' transport that makes requests fail as a busy or broken storage
/// service would (<see cref="StorageFaultOptions"/>): 503 ServerBusy and 500 answers with storage's error body, timeouts
/// and reset connections, each either before the request reaches storage or after storage applied it. Faults sit under
/// the SDK's pipeline, so its retry policy, response classification and error parsing meet them as real ones. For
/// drills and tests only.
/// </summary>
public sealed class StorageFaultHandler : DelegatingHandler
{
    private readonly double _rate;
    private readonly Random _random;
    private long _injected;

    /// <summary>A handler with the rate and seed of <paramref name="options"/>, sending through <paramref name="inner"/>.</summary>
    public StorageFaultHandler(StorageFaultOptions options, HttpMessageHandler inner)
        : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rate = options.Rate;
        _random = new Random(options.Seed);
    }

    /// <summary>The kinds of fault, each drawn with the same probability.</summary>
    public enum Fault
    {
        /// <summary>No fault.</summary>
        None,

        /// <summary>503 ServerBusy before the request reaches storage.</summary>
        ServerBusyBefore,

        /// <summary>500 before the request reaches storage.</summary>
        InternalErrorBefore,

        /// <summary>A timeout before the request reaches storage.</summary>
        TimeoutBefore,

        /// <summary>A reset connection before the request reaches storage.</summary>
        ResetBefore,

        /// <summary>Storage applied the request, the answer is a 500.</summary>
        InternalErrorAfter,

        /// <summary>Storage applied the request, the answer never came (timeout).</summary>
        TimeoutAfter,

        /// <summary>Storage applied the request, the connection was reset before the answer.</summary>
        ResetAfter,
    }

    /// <summary>How many faults were injected so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var fault = Draw();
        if (fault is Fault.None)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Increment(ref _injected);
        switch (fault)
        {
            case Fault.ServerBusyBefore:
                return Error(request, HttpStatusCode.ServiceUnavailable, "ServerBusy");
            case Fault.InternalErrorBefore:
                return Error(request, HttpStatusCode.InternalServerError, "InternalError");
            case Fault.TimeoutBefore:
                throw Timeout();
            case Fault.ResetBefore:
                throw Reset();
        }

        using (await base.SendAsync(request, cancellationToken).ConfigureAwait(false))
        {
        }

        return fault switch
        {
            Fault.InternalErrorAfter => Error(request, HttpStatusCode.InternalServerError, "InternalError"),
            Fault.TimeoutAfter => throw Timeout(),
            _ => throw Reset(),
        };
    }

    private Fault Draw()
    {
        if (_rate <= 0)
        {
            return Fault.None;
        }

        lock (_random)
        {
            var draw = _random.NextDouble();
            var kind = _random.Next(1, 8);
            return draw < _rate ? (Fault)kind : Fault.None;
        }
    }

    /// <summary>An error answer as storage writes it: JSON for the table service (which asks for JSON), XML otherwise.</summary>
    private static HttpResponseMessage Error(HttpRequestMessage request, HttpStatusCode status, string code)
    {
        var json = request.Headers.Accept.Any(a => a.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true);
        var message = "Injected storage fault.";
        var body = json
            ? "{\"odata.error\":{\"code\":\"" + code + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"" + message + "\"}}}"
            : $"""<?xml version="1.0" encoding="utf-8"?><Error><Code>{code}</Code><Message>{message}</Message></Error>""";
        var response = new HttpResponseMessage(status)
        {
            RequestMessage = request,
            Content = new StringContent(body, Encoding.UTF8, json ? "application/json" : "application/xml"),
        };
        response.Headers.Add("x-ms-error-code", code);
        return response;
    }

    private static TaskCanceledException Timeout() => new("Injected storage fault: the request timed out.", new TimeoutException());

    private static HttpRequestException Reset() =>
        new("Injected storage fault: the connection was reset.", new IOException("Connection reset by peer (injected)."));
}
