namespace WeChatDomains.Client;

/// <summary>One reason a command is refused: where (<c>commandId</c>, <c>body.requestdomain[2]</c>, <c>$</c>) and why.</summary>
public sealed record CommandError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
