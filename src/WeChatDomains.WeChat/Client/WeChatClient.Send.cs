using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Polly;
using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Client;

/// <summary>Sending a call through the pipeline and reading its outcome as a <see cref="WeChatResult{T}"/>.</summary>
public sealed partial class WeChatClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };

    private async Task<WeChatResult<T>> SendAsync<TWire, T>(
        WeChatCall call, JsonTypeInfo<TWire> responseType, Func<TWire, T?> map, CancellationToken cancellationToken)
        where TWire : WireResponse
        where T : class
    {
        var url = call.BuildUrl(_baseUrl);
        var state = new AttemptState(_http, url, call.IsGet ? null : call.Body, body => JsonSerializer.Deserialize(body, responseType));
        var context = ResilienceContextPool.Shared.Get(call.Api, cancellationToken);
        context.Properties.Set(WeChatRetryPolicy.RetryAmbiguousKey, call.RetryAmbiguous);
        var started = _timeProvider.GetTimestamp();
        Outcome<WeChatAttempt> outcome;
        try
        {
            outcome = await _pipeline.ExecuteOutcomeAsync(static (ctx, s) => AttemptAsync(ctx, s), context, state);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var latency = _timeProvider.GetElapsedTime(started);
        if (outcome.Exception is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        var result = outcome.Result is { } attempt
            ? FromAttempt(attempt, map, call.Token)
            : FromFault<T>(TransportFault.From(outcome.Exception!), outcome);
        result = result with { Latency = latency, Attempts = state.Attempts };

        var level = result.IsSuccess ? LogLevel.Information : LogLevel.Warning;
        Log.CallCompleted(
            _logger, level, call.Api, result.ErrorCode.Value, result.Transport, result.HttpStatus,
            (long)latency.TotalMilliseconds, result.Attempts, result.Rid, new RedactedUrl(url));
        return result;
    }

    private static async ValueTask<Outcome<WeChatAttempt>> AttemptAsync(ResilienceContext context, AttemptState state)
    {
        state.Attempts++;
        try
        {
            using var request = new HttpRequestMessage(state.Body is null ? HttpMethod.Get : HttpMethod.Post, state.Url);
            if (state.Body is not null)
            {
                request.Content = new ByteArrayContent(state.Body) { Headers = { ContentType = JsonContentType } };
            }

            using var response = await state.Http.SendAsync(request, context.CancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(context.CancellationToken);
            var status = (int)response.StatusCode;
            var parsed = response.IsSuccessStatusCode ? TryParse(state, body) : null;
            return Outcome.FromResult(new WeChatAttempt(status, parsed));
        }
#pragma warning disable CA1031 // The pipeline needs every failure as an outcome; SendAsync rethrows what is not a transport fault.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return Outcome.FromException<WeChatAttempt>(exception);
        }
    }

    private static WireResponse? TryParse(AttemptState state, byte[] body)
    {
        try
        {
            return state.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static WeChatResult<T> FromAttempt<TWire, T>(WeChatAttempt attempt, Func<TWire, T?> map, AccessToken? token)
        where TWire : WireResponse
        where T : class
    {
        if (!attempt.IsHttpSuccess)
        {
            return Failure<T>(WeChatTransportOutcome.HttpError, $"HTTP {attempt.HttpStatus}", attempt.HttpStatus, requestSent: true);
        }

        if (attempt.Response is not TWire wire)
        {
            return Failure<T>(WeChatTransportOutcome.InvalidResponse, "the answer was not WeChat JSON", attempt.HttpStatus, requestSent: true);
        }

        var errorCode = wire.ErrCode ?? 0;
        var errorMessage = Scrub(wire.ErrMsg ?? (errorCode == 0 ? "ok" : string.Empty), token);
        T? value = null;
        if (errorCode == 0 && (value = map(wire)) is null)
        {
            return Failure<T>(WeChatTransportOutcome.InvalidResponse, "the success answer lacks required fields", attempt.HttpStatus, requestSent: true);
        }

        return new WeChatResult<T>
        {
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            Rid = RidParser.Parse(errorMessage),
            HttpStatus = attempt.HttpStatus,
            Transport = WeChatTransportOutcome.Responded,
            RequestSent = true,
            Value = value,
        };
    }

    private static WeChatResult<T> FromFault<T>(TransportFault? fault, Outcome<WeChatAttempt> outcome)
        where T : class
    {
        if (fault is not { } known)
        {
            outcome.ThrowIfException();
            throw new InvalidOperationException("The pipeline returned neither a result nor an exception.");
        }

        return Failure<T>(known.Outcome, known.Description, httpStatus: null, known.RequestSent);
    }

    private static WeChatResult<T> Failure<T>(WeChatTransportOutcome transport, string description, int? httpStatus, bool requestSent)
        where T : class => new()
        {
            ErrorCode = WeChatClientConstants.TransportFailureErrorCode,
            ErrorMessage = description,
            HttpStatus = httpStatus,
            Transport = transport,
            RequestSent = requestSent,
        };

    private static string Scrub(string errorMessage, AccessToken? token) =>
        token is null ? errorMessage : errorMessage.Replace(token.Value, WeChatClientConstants.RedactedValue, StringComparison.Ordinal);

    private sealed class AttemptState(HttpClient http, Uri url, byte[]? body, Func<byte[], WireResponse?> parse)
    {
        public HttpClient Http { get; } = http;

        public Uri Url { get; } = url;

        /// <summary>The JSON body of a POST; null for a GET.</summary>
        public byte[]? Body { get; } = body;

        public Func<byte[], WireResponse?> Parse { get; } = parse;

        public int Attempts { get; set; }
    }
}
