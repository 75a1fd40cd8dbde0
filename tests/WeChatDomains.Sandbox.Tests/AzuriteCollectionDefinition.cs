using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
