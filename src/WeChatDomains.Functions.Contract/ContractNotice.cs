namespace WeChatDomains.Functions.Contract;

/// <summary>The message every contract member that would need the real packages throws.</summary>
internal static class ContractNotice
{
    public const string Text =
        "WeChatDomains.Functions.Contract is compile-only: build with -p:UseFunctionsContract=false against the real " +
        "Azure Functions worker and Azure.Messaging.ServiceBus packages to run or deploy the Functions app.";
}
