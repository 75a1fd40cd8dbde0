namespace WeChatDomains.WeChat.Client;

/// <summary>
/// A WeChat access token (component or authorizer). Its <see cref="ToString"/> never shows the value, so a token
/// that slips into a log template or an exception message shows as redacted.
/// </summary>
public sealed class AccessToken : IEquatable<AccessToken>
{
    /// <summary>Creates a token from its raw value.</summary>
    public AccessToken(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        Value = value;
    }

    /// <summary>The raw value; only the client puts it on the wire.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public bool Equals(AccessToken? other) => other is not null && string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AccessToken);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc />
    public override string ToString() => "[redacted token]";
}
