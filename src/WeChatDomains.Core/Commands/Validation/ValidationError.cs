namespace WeChatDomains.Core.Commands;

/// <summary>One reason a command was rejected.</summary>
/// <param name="Path">
/// Where in the message: <c>$</c> for the message as a whole, a top-level field name (<c>commandId</c>), or a path into
/// the body (<c>body.requestdomain[2]</c>, <c>body.wxa_jump_h5_domain[0]</c> for the first <c>;</c>-separated host).
/// </param>
/// <param name="Message">Why, in words an operator understands.</param>
public sealed record ValidationError(string Path, string Message)
{
    /// <summary>The path of the message as a whole.</summary>
    public const string MessagePath = "$";

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
