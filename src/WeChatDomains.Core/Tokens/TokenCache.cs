using System.Diagnostics.CodeAnalysis;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// The provider's in-process tokens, at most <c>capacity</c> of them (<see cref="TokenOptions.CachedTokens"/>): past
/// that, the least recently used is evicted, so a fleet's tokens do not stay in memory forever (issue 16) while the
/// component token and the authorizers being worked on stay. An evicted token is read back from the vault when next
/// needed. Thread-safe.
/// </summary>
internal sealed class TokenCache(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TokenKey, LinkedListNode<(TokenKey Key, TokenLookup Lookup)>> _nodes = [];
    private readonly LinkedList<(TokenKey Key, TokenLookup Lookup)> _recency = new();

    /// <summary>Tokens held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _nodes.Count;
            }
        }
    }

    /// <summary>The token of <paramref name="key"/>, now the most recently used, or false.</summary>
    public bool TryGet(TokenKey key, [MaybeNullWhen(false)] out TokenLookup lookup)
    {
        lock (_lock)
        {
            if (!_nodes.TryGetValue(key, out var node))
            {
                lookup = null;
                return false;
            }

            _recency.Remove(node);
            _recency.AddFirst(node);
            lookup = node.Value.Lookup;
            return true;
        }
    }

    /// <summary>Holds <paramref name="lookup"/> for <paramref name="key"/>, evicting the least recently used when full.</summary>
    public void Set(TokenKey key, TokenLookup lookup)
    {
        lock (_lock)
        {
            if (_nodes.Remove(key, out var old))
            {
                _recency.Remove(old);
            }
            else if (_nodes.Count >= capacity)
            {
                _nodes.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }

            _nodes[key] = _recency.AddFirst((key, lookup));
        }
    }

    /// <summary>Drops the token of <paramref name="key"/>.</summary>
    public void Remove(TokenKey key)
    {
        lock (_lock)
        {
            if (_nodes.Remove(key, out var node))
            {
                _recency.Remove(node);
            }
        }
    }
}
