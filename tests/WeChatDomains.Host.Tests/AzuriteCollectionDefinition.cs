using WeChatDomains.Testing;

namespace WeChatDomains.Host.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
