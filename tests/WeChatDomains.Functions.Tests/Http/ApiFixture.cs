using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Functions.Http;

namespace WeChatDomains.Functions.Tests.Http;

/// <summary>Core's real <see cref="ApiHandlers"/> over mocked ports, and the HTTP functions over them.</summary>
internal sealed class ApiFixture
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public Mock<ICommandReader> Reader { get; } = new();

    public Mock<ICommandStore> Store { get; } = new();

    public Mock<IAuthorizerRegistry> Registry { get; } = new();

    public Mock<ISecretVault> Vault { get; } = new();

    public Mock<ServiceBusSender> Sender { get; } = new();

    public FakeTimeProvider Time { get; } = new(Now);

    public ApiHandlers Handlers => new(
        new CommandSubmission(Reader.Object, Store.Object, Time),
        new StatusQueries(Store.Object, Registry.Object, Vault.Object, Time, new ProcessingOptions()),
        Time);

    public CommandsApi CreateCommandsApi() => new(Handlers, Sender.Object, NullLogger<CommandsApi>.Instance);

    public StatusApi CreateStatusApi() => new(Handlers);
}
