namespace WeChatDomains.WeChat.Push;

/// <summary>
/// A decrypted push to the platform's event URL. Subtypes carry the fields of each InfoType; ToString never shows a
/// ticket or an authorization code.
/// </summary>
/// <param name="AppId">The component AppId the push is for.</param>
/// <param name="CreateTime">When WeChat created it.</param>
/// <param name="InfoType">The InfoType as WeChat sent it.</param>
public abstract record PushMessage(string AppId, DateTimeOffset CreateTime, string InfoType);

/// <summary>A <c>component_verify_ticket</c> push (every 10 minutes; the ticket is valid 12 hours).</summary>
/// <param name="AppId">The component AppId.</param>
/// <param name="CreateTime">When WeChat created it.</param>
/// <param name="ComponentVerifyTicket">The ticket: a secret, never logged.</param>
public sealed record ComponentVerifyTicketPush(string AppId, DateTimeOffset CreateTime, string ComponentVerifyTicket)
    : PushMessage(AppId, CreateTime, PushInfoTypes.ComponentVerifyTicket)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{nameof(ComponentVerifyTicketPush)} {{ AppId = {AppId}, CreateTime = {CreateTime:O}, ComponentVerifyTicket = *** }}";
}

/// <summary>An <c>authorized</c> or <c>updateauthorized</c> event: an account granted or changed the platform's authorization.</summary>
/// <param name="AppId">The component AppId.</param>
/// <param name="CreateTime">When WeChat created it.</param>
/// <param name="InfoType"><see cref="PushInfoTypes.Authorized"/> or <see cref="PushInfoTypes.UpdateAuthorized"/>.</param>
/// <param name="AuthorizerAppId">The authorizing account.</param>
/// <param name="AuthorizationCode">The code to exchange for the authorizer's tokens: a secret, never logged.</param>
/// <param name="AuthorizationCodeExpiresAt">When the code expires (AuthorizationCodeExpiredTime).</param>
/// <param name="PreAuthCode">The pre-authorization code used, when WeChat sent it.</param>
public sealed record AuthorizationPush(
    string AppId,
    DateTimeOffset CreateTime,
    string InfoType,
    string AuthorizerAppId,
    string AuthorizationCode,
    DateTimeOffset AuthorizationCodeExpiresAt,
    string? PreAuthCode)
    : PushMessage(AppId, CreateTime, InfoType)
{
    /// <summary>True for <c>updateauthorized</c>.</summary>
    public bool IsUpdate => InfoType == PushInfoTypes.UpdateAuthorized;

    /// <inheritdoc />
    public override string ToString() =>
        $"{nameof(AuthorizationPush)} {{ AppId = {AppId}, CreateTime = {CreateTime:O}, InfoType = {InfoType}, " +
        $"AuthorizerAppId = {AuthorizerAppId}, AuthorizationCode = ***, AuthorizationCodeExpiresAt = {AuthorizationCodeExpiresAt:O} }}";
}

/// <summary>An <c>unauthorized</c> event: an account revoked the platform's authorization.</summary>
/// <param name="AppId">The component AppId.</param>
/// <param name="CreateTime">When WeChat created it.</param>
/// <param name="AuthorizerAppId">The account that revoked.</param>
public sealed record UnauthorizedPush(string AppId, DateTimeOffset CreateTime, string AuthorizerAppId)
    : PushMessage(AppId, CreateTime, PushInfoTypes.Unauthorized);

/// <summary>A push with an InfoType this project does not handle; the receiver still answers <c>success</c>.</summary>
/// <param name="AppId">The component AppId.</param>
/// <param name="CreateTime">When WeChat created it.</param>
/// <param name="InfoType">The InfoType as sent.</param>
public sealed record OtherPush(string AppId, DateTimeOffset CreateTime, string InfoType)
    : PushMessage(AppId, CreateTime, InfoType);
