using System.Diagnostics;
using System.Diagnostics.Metrics;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// Metrics and traces of command processing: commands by final state and class, WeChat calls by api and errcode
/// class, call latency; an Activity per command carrying its commandId and authorizer.
/// </summary>
public sealed class ProcessingTelemetry : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "WeChatDomains.Processing";

    /// <summary>Tag of the command's Activity: the errcode of its WeChat call (-1 for a transport fault).</summary>
    public const string ErrcodeTag = "wechatdomains.errcode";

    /// <summary>Tag of the command's Activity: the class of that errcode (DESIGN section 4).</summary>
    public const string ErrorClassTag = "wechatdomains.error_class";

    /// <summary>The activity source of command processing.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _commands;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _latency;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public ProcessingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _commands = _meter.CreateCounter<long>("wechatdomains.commands", "{command}", "Commands that reached a state, by state and class.");
        _calls = _meter.CreateCounter<long>("wechatdomains.wechat.calls", "{call}", "WeChat calls by api and errcode class.");
        _latency = _meter.CreateHistogram<double>("wechatdomains.wechat.call.duration", "s", "Latency of WeChat calls, in-process retries included.");
    }

    /// <summary>Starts the Activity of one command.</summary>
    public static Activity? StartCommand(string commandId, string? authorizerAppId, string api)
    {
        var activity = ActivitySource.StartActivity("ProcessCommand", ActivityKind.Consumer);
        activity?.SetTag("wechatdomains.command_id", commandId);
        activity?.SetTag("wechatdomains.authorizer", authorizerAppId ?? ProcessingConstants.ComponentKey);
        activity?.SetTag("wechatdomains.api", api);
        return activity;
    }

    /// <summary>
    /// Tags the current command's Activity with the outcome of its WeChat call: <see cref="ErrcodeTag"/> and
    /// <see cref="ErrorClassTag"/> (no request or token data).
    /// </summary>
    public static void TagCall(int errcode, WeChatErrorClass errorClass)
    {
        if (Activity.Current is { } activity && activity.Source == ActivitySource)
        {
            activity.SetTag(ErrcodeTag, errcode);
            activity.SetTag(ErrorClassTag, errorClass.ToString());
        }
    }

    /// <summary>Counts a command reaching <paramref name="state"/>.</summary>
    public void CommandReached(CommandState state, WeChatErrorClass? errorClass, string api) =>
        _commands.Add(1, new("state", state.ToString()), new("class", errorClass?.ToString() ?? "none"), new("api", api));

    /// <summary>Counts one WeChat call and its latency.</summary>
    public void WeChatCalled(string api, WeChatErrorClass errorClass, TimeSpan latency)
    {
        var tags = new TagList { { "api", api }, { "class", errorClass.ToString() } };
        _calls.Add(1, tags);
        _latency.Record(latency.TotalSeconds, tags);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
