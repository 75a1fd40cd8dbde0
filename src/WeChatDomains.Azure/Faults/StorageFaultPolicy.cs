using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// A pipeline policy (per retry, so every SDK retry draws again) that makes requests fail as a busy or broken storage
/// service would (<see cref="StorageFaultOptions"/>). For drills and tests only.
/// </summary>
public sealed class StorageFaultPolicy : HttpPipelinePolicy
{
    private readonly double _rate;
    private readonly Random _random;
    private long _injected;

    /// <summary>A policy with the rate and seed of <paramref name="options"/>.</summary>
    public StorageFaultPolicy(StorageFaultOptions options)
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
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: false).AsTask().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline, async: true);

    private async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        var fault = Draw();
        if (fault is Fault.None)
        {
            await NextAsync(message, pipeline, async).ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _injected);
        switch (fault)
        {
            case Fault.ServerBusyBefore:
                message.Response = new InjectedResponse(503, "ServerBusy");
                return;
            case Fault.InternalErrorBefore:
                message.Response = new InjectedResponse(500, "InternalError");
                return;
            case Fault.TimeoutBefore:
                throw Timeout();
            case Fault.ResetBefore:
                throw Reset();
        }

        await NextAsync(message, pipeline, async).ConfigureAwait(false);
        message.Response?.Dispose();
        switch (fault)
        {
            case Fault.InternalErrorAfter:
                message.Response = new InjectedResponse(500, "InternalError");
                return;
            case Fault.TimeoutAfter:
                throw Timeout();
            default:
                throw Reset();
        }
    }

    private static async ValueTask NextAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline, bool async)
    {
        if (async)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        else
        {
            ProcessNext(message, pipeline);
        }
    }

    private Fault Draw()
    {
        if (_rate <= 0)
        {
            return Fault.None;
        }

        double draw;
        int kind;
        lock (_random)
        {
            draw = _random.NextDouble();
            kind = _random.Next(1, 8);
        }

        return draw < _rate ? (Fault)kind : Fault.None;
    }

    private static TaskCanceledException Timeout() => new("Injected storage fault: the request timed out.", new TimeoutException());

    private static RequestFailedException Reset() =>
        new(0, "Injected storage fault: the connection was reset.", new IOException("Connection reset by peer (injected)."));

    /// <summary>A storage error answer: the status and the <c>x-ms-error-code</c> header, no body.</summary>
    private sealed class InjectedResponse(int status, string errorCode) : Response
    {
        public override int Status => status;

        public override string ReasonPhrase => errorCode;

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => IsErrorCode(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [new HttpHeader("x-ms-error-code", errorCode)];

        protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
        {
            value = IsErrorCode(name) ? errorCode : null;
            return value is not null;
        }

        protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = IsErrorCode(name) ? [errorCode] : null;
            return values is not null;
        }

        private static bool IsErrorCode(string name) => string.Equals(name, "x-ms-error-code", StringComparison.OrdinalIgnoreCase);
    }
}
