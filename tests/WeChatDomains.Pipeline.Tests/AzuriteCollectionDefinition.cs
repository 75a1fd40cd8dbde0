using WeChatDomains.Testing;

namespace WeChatDomains.Pipeline.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
