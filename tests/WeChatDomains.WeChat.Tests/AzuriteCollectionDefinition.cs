using WeChatDomains.Testing;

namespace WeChatDomains.WeChat.Tests;

[CollectionDefinition(AzuriteCollection.Name)]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
