namespace WeChatDomains.Sandbox.State;

/// <summary>
/// One push as the sandbox sent it: the exact query parameters it added (timestamp, nonce, signatures) and body, so that it can be
/// sent again byte for byte, as WeChat's delayed retry or a replay would arrive.
/// </summary>
internal sealed record SentPush(int Id, string InfoType, DateTimeOffset SentAt, IReadOnlyDictionary<string, string?> Query, string Body);

/// <summary>The pushes the sandbox sent, with ids from 1. Guarded by the sandbox lock.</summary>
internal sealed class PushLog
{
    private readonly List<SentPush> _sent = [];

    public IReadOnlyList<SentPush> All => _sent;

    public SentPush Add(string infoType, DateTimeOffset sentAt, IReadOnlyDictionary<string, string?> query, string body)
    {
        var push = new SentPush(_sent.Count + 1, infoType, sentAt, query, body);
        _sent.Add(push);
        return push;
    }

    public SentPush? Find(int id) => id >= 1 && id <= _sent.Count ? _sent[id - 1] : null;

    public void Clear() => _sent.Clear();
}
