using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class TokenCacheTests
{
    private static readonly DateTimeOffset ExpiresAt = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static TokenCache CreateSut(int capacity = 2) => new(capacity);

    private static TokenKey Key(int i) => TokenKey.Authorizer($"wx{i:D16}");

    private static TokenLookup Lookup(int i) => TokenLookup.Found(new AccessToken($"token-{i}"), ExpiresAt);

    [Fact]
    public void Set_MoreKeysThanCapacity_Issue16_EvictsTheLeastRecentlyUsed()
    {
        var sut = CreateSut();
        sut.Set(Key(1), Lookup(1));
        sut.Set(Key(2), Lookup(2));
        Assert.True(sut.TryGet(Key(1), out _));

        sut.Set(Key(3), Lookup(3));

        Assert.Equal(2, sut.Count);
        Assert.False(sut.TryGet(Key(2), out _));
        Assert.True(sut.TryGet(Key(1), out var one));
        Assert.Equal(Lookup(1), one);
        Assert.True(sut.TryGet(Key(3), out _));
    }

    [Fact]
    public void Set_SameKeyAgain_ReplacesWithoutEvicting()
    {
        var sut = CreateSut();
        sut.Set(Key(1), Lookup(1));
        sut.Set(Key(2), Lookup(2));

        sut.Set(Key(1), Lookup(3));

        Assert.Equal(2, sut.Count);
        Assert.True(sut.TryGet(Key(1), out var replaced));
        Assert.Equal(Lookup(3), replaced);
        Assert.True(sut.TryGet(Key(2), out _));
    }

    [Fact]
    public void Remove_HeldKey_FreesItsPlace()
    {
        var sut = CreateSut();
        sut.Set(Key(1), Lookup(1));
        sut.Set(Key(2), Lookup(2));

        sut.Remove(Key(1));
        sut.Set(Key(3), Lookup(3));

        Assert.False(sut.TryGet(Key(1), out _));
        Assert.True(sut.TryGet(Key(2), out _));
        Assert.True(sut.TryGet(Key(3), out _));
    }
}
