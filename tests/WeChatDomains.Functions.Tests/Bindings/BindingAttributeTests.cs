using System.Reflection;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Functions.Commands;
using WeChatDomains.Functions.Timers;

namespace WeChatDomains.Functions.Tests.Bindings;

/// <summary>The binding attributes are the deployment contract with the Functions host: checked by reflection.</summary>
public sealed class BindingAttributeTests
{
    private static readonly Assembly App = typeof(ProcessDomainCommand).Assembly;

    private static IEnumerable<MethodInfo> Functions => App.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    [Fact]
    public void ProcessDomainCommand_Trigger_ReadsTheConfiguredQueueWithSessionsAndNoAutoComplete()
    {
        var method = Function(FunctionNames.ProcessDomainCommand);
        var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<ServiceBusTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal("%CommandsQueueName%", trigger.QueueName);
        Assert.Equal("ServiceBus", trigger.Connection);
        Assert.True(trigger.IsSessionsEnabled);
        Assert.False(trigger.AutoCompleteMessages);
        Assert.False(trigger.IsBatched);
        Assert.Contains(method.GetParameters(), p => p.ParameterType == typeof(ServiceBusReceivedMessage));
        Assert.Contains(method.GetParameters(), p => p.ParameterType == typeof(ServiceBusMessageActions));
    }

    [Theory]
    [InlineData(nameof(RefreshTokens), "0 */5 * * * *")]
    [InlineData(nameof(ReleaseDeferredCommands), "0 * * * * *")]
    [InlineData(nameof(ReconcileAuthorizers), "0 17 */6 * * *")]
    public void TimerFunctions_Trigger_RunOnTheirSixFieldScheduleAndNotOnStartup(string name, string schedule)
    {
        var trigger = Function(name).GetParameters().Select(p => p.GetCustomAttribute<TimerTriggerAttribute>()).Single(a => a is not null)!;

        Assert.Equal(schedule, trigger.Schedule);
        Assert.Equal(6, trigger.Schedule.Split(' ').Length);
        Assert.False(trigger.RunOnStartup);
        Assert.Contains(Function(name).GetParameters(), p => p.ParameterType == typeof(TimerInfo));
    }

    [Fact]
    public void HttpFunctions_Triggers_ServeExactlyTheRoutesOfDesignSection8()
    {
        var routes = HttpTriggers().Select(h => (Method: h.Trigger.Methods!.Single(), h.Trigger.Route)).OrderBy(r => r.Route).ThenBy(r => r.Method).ToList();

        Assert.Equal(
            [
                ("get", "authorizers/{appid}"),
                ("get", "commands"),
                ("post", "commands"),
                ("get", "commands/{commandId}"),
                ("get", "health"),
                ("post", "wechat/events"),
            ],
            routes);
    }

    [Fact]
    public void HttpFunctions_AuthLevels_FunctionKeysEverywhereButTheWeChatEventReceiver()
    {
        foreach (var (name, trigger, _) in HttpTriggers())
        {
            var expected = name == FunctionNames.ReceiveWeChatEvent ? AuthorizationLevel.Anonymous : AuthorizationLevel.Function;
            Assert.True(expected == trigger.AuthLevel, $"{name} is {trigger.AuthLevel}, expected {expected}");
        }
    }

    [Fact]
    public void HttpFunctions_RouteParameters_AreBoundByName()
    {
        foreach (var (name, trigger, method) in HttpTriggers())
        {
            foreach (var placeholder in trigger.Route!.Split('/').Where(s => s.StartsWith('{')).Select(s => s.Trim('{', '}')))
            {
                Assert.True(method.GetParameters().Any(p => p.Name == placeholder && p.ParameterType == typeof(string)), $"{name} lacks a string parameter '{placeholder}'");
            }
        }
    }

    [Fact]
    public void Functions_Names_AreUniqueAndMatchTheirConstants()
    {
        var names = Functions.Select(m => m.GetCustomAttribute<FunctionAttribute>()!.Name).ToList();
        var constants = typeof(FunctionNames).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(constants.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Functions_OutputBindings_NoneUsesServiceBusOutputBecauseItCannotSetSessionId()
    {
        var outputs = Functions
            .SelectMany(m => m.GetCustomAttributes().Concat(m.ReturnParameter.GetCustomAttributes()).Concat(m.GetParameters().SelectMany(p => p.GetCustomAttributes())))
            .Where(a => a.GetType().Name.Contains("ServiceBusOutput", StringComparison.Ordinal));

        Assert.Empty(outputs);
    }

    private static MethodInfo Function(string name) =>
        Functions.Single(m => m.GetCustomAttribute<FunctionAttribute>()!.Name == name);

    private static IEnumerable<(string Name, HttpTriggerAttribute Trigger, MethodInfo Method)> HttpTriggers() =>
        from method in Functions
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        select (method.GetCustomAttribute<FunctionAttribute>()!.Name, trigger, method);
}
