using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WeChatDomains.Client;

/// <summary>
/// The WeChatDomains HTTP API for upstream systems: submit a command (validated here first), read one, list them, and
/// wait until one is final. Refusals are typed: <see cref="CommandRejectedException"/> (400, every reason),
/// <see cref="CommandConflictException"/> (409), <see cref="CommandTooLargeException"/> (413), and
/// <see cref="CommandApiException"/> for any other refusal.
/// </summary>
public sealed class HttpCommandClient
{
    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly TimeProvider _time;

    /// <summary>Creates a client on <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the service root.</summary>
    /// <param name="http">The HTTP client; its base address is the service root (for example <c>http://127.0.0.1:7071/</c>).</param>
    /// <param name="apiKey">The API key, sent as <see cref="ClientConstants.ApiKeyHeader"/>.</param>
    /// <param name="time">The clock of <see cref="WaitUntilFinalAsync"/>; the system clock when null.</param>
    public HttpCommandClient(HttpClient http, string apiKey, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (http.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the service root.", nameof(http));
        }

        _http = http;
        _apiKey = apiKey;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Validates <paramref name="command"/> with the server's rules, then submits it. The same command again is accepted
    /// (its id is the idempotency key) and applied once.
    /// </summary>
    /// <exception cref="CommandRejectedException">Invalid, here or at the service.</exception>
    /// <exception cref="CommandConflictException">The id is used by a different command.</exception>
    /// <exception cref="CommandTooLargeException">The command is larger than the service accepts.</exception>
    public Task<SubmittedCommand> SubmitAsync(CommandMessage command, CancellationToken cancellationToken = default)
    {
        CommandValidator.EnsureValid(command);
        return SubmitRawAsync(command.ToUtf8Json(), command.CommandId, cancellationToken);
    }

    /// <summary>Submits a command as raw UTF-8 JSON, without validating it here (the service still does).</summary>
    public async Task<SubmittedCommand> SubmitRawAsync(ReadOnlyMemory<byte> utf8Json, string? commandId = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, ClientConstants.CommandsPath);
        request.Content = new ReadOnlyMemoryContent(utf8Json);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ClientConstants.JsonContentType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RefusalAsync(response, commandId, submission: true, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync<SubmittedCommand>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The command with its attempts, or null when the service has no such command.</summary>
    public async Task<CommandStatus?> GetAsync(string commandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commandId);
        using var request = Request(HttpMethod.Get, $"{ClientConstants.CommandsPath}/{Uri.EscapeDataString(commandId)}");
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await RefusalAsync(response, commandId, submission: false, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync<CommandStatus>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One page of commands matching <paramref name="query"/>.</summary>
    /// <exception cref="CommandApiException">The query is invalid (400, with every reason).</exception>
    public async Task<CommandPage> ListAsync(CommandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var request = Request(HttpMethod.Get, ClientConstants.CommandsPath + QueryString(query));
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await RefusalAsync(response, null, submission: false, cancellationToken).ConfigureAwait(false);
        }

        return await ReadAsync<CommandPage>(response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Polls the command every <paramref name="pollInterval"/> (default <see cref="ClientConstants.DefaultPollInterval"/>)
    /// until it is final (Succeeded, Failed or Rejected). A Deferred command is not final: it waits for its time.
    /// </summary>
    /// <exception cref="TimeoutException">Not final within <paramref name="timeout"/> (default <see cref="ClientConstants.DefaultWaitTimeout"/>); the message says its last state.</exception>
    public async Task<CommandStatus> WaitUntilFinalAsync(string commandId, TimeSpan? timeout = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? ClientConstants.DefaultWaitTimeout;
        var pause = pollInterval ?? ClientConstants.DefaultPollInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pause, TimeSpan.Zero, nameof(pollInterval));
        var started = _time.GetTimestamp();
        while (true)
        {
            var status = await GetAsync(commandId, cancellationToken).ConfigureAwait(false);
            if (status is { IsFinal: true })
            {
                return status;
            }

            if (_time.GetElapsedTime(started) >= limit)
            {
                var last = status is null ? "not found" : $"{status.State} after {status.Attempts} attempt(s)";
                throw new TimeoutException($"Command {commandId} was not final within {limit}: {last}.");
            }

            await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string relative)
    {
        var request = new HttpRequestMessage(method, new Uri(relative, UriKind.Relative));
        request.Headers.Add(ClientConstants.ApiKeyHeader, _apiKey);
        return request;
    }

    private static string QueryString(CommandQuery query)
    {
        var parts = new List<string>();
        Add("authorizer", query.Authorizer);
        Add("state", query.State?.ToString());
        Add("since", query.Since?.ToString("O", CultureInfo.InvariantCulture));
        Add("until", query.Until?.ToString("O", CultureInfo.InvariantCulture));
        Add("pageSize", query.PageSize?.ToString(CultureInfo.InvariantCulture));
        Add("continuation", query.Continuation);
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);

        void Add(string name, string? value)
        {
            if (value is not null)
            {
                parts.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) =>
        await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"HTTP {(int)response.StatusCode} carried no {typeof(T).Name}.");

    private static async Task<CommandApiException> RefusalAsync(HttpResponseMessage response, string? commandId, bool submission, CancellationToken cancellationToken)
    {
        var problem = await ProblemAsync(response, cancellationToken).ConfigureAwait(false);
        var errors = problem?.Errors ?? [];
        return (int)response.StatusCode switch
        {
            400 when submission =>
                new CommandRejectedException(commandId, errors, serverSide: true, problem?.Title, problem?.Detail),
            409 => new CommandConflictException(commandId ?? string.Empty, problem?.Title, problem?.Detail),
            413 => new CommandTooLargeException(problem?.Title, problem?.Detail, errors),
            var status => new CommandApiException(status, problem?.Title ?? response.ReasonPhrase, problem?.Detail, errors),
        };
    }

    private static async Task<ProblemBody?> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ProblemBody>(text, ClientJson.Options);
        }
        catch (JsonException)
        {
            return new ProblemBody(response.ReasonPhrase, (int)response.StatusCode, Truncate(text), null);
        }
    }

    private static string Truncate(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
}
