namespace WeChatDomains.Functions.ServiceBusStandIn;

/// <summary>The message every stand-in member that would need the real extension throws.</summary>
internal static class StandInNotice
{
    public const string Text =
        "WeChatDomains.Functions.ServiceBusStandIn is compile-only: build with -p:UseFunctionsContract=false against the " +
        "real Microsoft.Azure.Functions.Worker.Extensions.ServiceBus package to run or deploy the Functions app.";
}
