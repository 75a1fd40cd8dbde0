using System.Reflection;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Functions.Commands;
using WeChatDomains.Functions.Timers;

namespace WeChatDomains.Functions.Tests.Bindings;

/// <summary>
/// The binding attributes as declared in the code (<see cref="CustomAttributeData"/>: the constructor and named
/// arguments written, not the attribute's defaults), so that a test means the same with the real Service Bus extension
/// and with its stand-in. <see cref="FunctionsMetadataTests"/> checks what the Worker SDK generated from them.
/// </summary>
public sealed class BindingAttributeTests
{
    private static readonly Assembly App = typeof(ProcessDomainCommand).Assembly;

    private static IEnumerable<MethodInfo> Functions => App.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null);

    [Fact]
    public void ProcessDomainCommand_Trigger_DeclaresTheQueueSessionsAndExplicitSettlement()
    {
        var method = Function(FunctionNames.ProcessDomainCommand);
        var (arguments, named) = DeclaredTrigger<ServiceBusTriggerAttribute>(method);

        Assert.Equal(["%CommandsQueueName%"], arguments);
        Assert.Equal(
            new Dictionary<string, object?> { ["AutoCompleteMessages"] = false, ["Connection"] = "ServiceBus", ["IsSessionsEnabled"] = true },
            named);
        Assert.Contains(method.GetParameters(), p => p.ParameterType == typeof(ServiceBusReceivedMessage));
        Assert.Contains(method.GetParameters(), p => p.ParameterType == typeof(ServiceBusMessageActions));
    }

    [Theory]
    [InlineData(nameof(RefreshTokens), "0 */5 * * * *")]
    [InlineData(nameof(ReleaseDeferredCommands), "0 * * * * *")]
    [InlineData(nameof(ReconcileAuthorizers), "0 17 */6 * * *")]
    public void TimerFunctions_Trigger_DeclareOnlyTheirSixFieldSchedule(string name, string schedule)
    {
        var (arguments, named) = DeclaredTrigger<TimerTriggerAttribute>(Function(name));

        Assert.Equal([schedule], arguments);
        Assert.Equal(6, schedule.Split(' ').Length);
        Assert.True(named.Count == 0, $"{name} declares {string.Join(", ", named.Keys)} (RunOnStartup or UseMonitor changed)");
        Assert.Contains(Function(name).GetParameters(), p => p.ParameterType == typeof(TimerInfo));
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

    /// <summary>The constructor arguments and the named arguments written on the method's one <typeparamref name="TTrigger"/>.</summary>
    private static (object?[] Arguments, Dictionary<string, object?> Named) DeclaredTrigger<TTrigger>(MethodInfo method)
        where TTrigger : Attribute
    {
        var declared = method.GetParameters().SelectMany(p => p.GetCustomAttributesData()).Single(a => a.AttributeType == typeof(TTrigger));
        return (
            [.. declared.ConstructorArguments.Select(a => a.Value)],
            declared.NamedArguments.ToDictionary(a => a.MemberName, a => a.TypedValue.Value, StringComparer.Ordinal));
    }

    private static IEnumerable<(string Name, HttpTriggerAttribute Trigger, MethodInfo Method)> HttpTriggers() =>
        from method in Functions
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        select (method.GetCustomAttribute<FunctionAttribute>()!.Name, trigger, method);
}
