using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
