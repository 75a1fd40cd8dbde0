using System.Globalization;
using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Push;

/// <summary>Reads a decrypted push message into the matching <see cref="PushMessage"/> subtype.</summary>
public static class PushMessageParser
{
    /// <summary>Parses the message XML.</summary>
    /// <param name="xml">The decrypted message.</param>
    /// <returns>The typed message, or InvalidXml, DtdProhibited, TooLarge, MissingField or InvalidField.</returns>
    public static PushCryptoResult<PushMessage> Parse(string? xml)
    {
        var read = FlatXmlReader.Read(xml);
        if (!read.IsSuccess)
        {
            return read.Forward<PushMessage>();
        }

        var fields = new Fields(read.Value!);
        var appId = fields.Required(PushFieldNames.AppId);
        var infoType = fields.Required(PushFieldNames.InfoType);
        var createTime = fields.RequiredTime(PushFieldNames.CreateTime);
        PushMessage? message = infoType switch
        {
            null => null,
            PushInfoTypes.ComponentVerifyTicket => new ComponentVerifyTicketPush(
                appId!, createTime, fields.Required(PushFieldNames.ComponentVerifyTicket)!),
            PushInfoTypes.Authorized or PushInfoTypes.UpdateAuthorized => new AuthorizationPush(
                appId!,
                createTime,
                infoType,
                fields.Required(PushFieldNames.AuthorizerAppid)!,
                fields.Required(PushFieldNames.AuthorizationCode)!,
                fields.RequiredTime(PushFieldNames.AuthorizationCodeExpiredTime),
                fields.Optional(PushFieldNames.PreAuthCode)),
            PushInfoTypes.Unauthorized => new UnauthorizedPush(appId!, createTime, fields.Required(PushFieldNames.AuthorizerAppid)!),
            _ => new OtherPush(appId!, createTime, infoType),
        };

        return fields.Error == PushCryptoError.None && message is not null
            ? PushCryptoResult.Success(message)
            : PushCryptoResult.Failure<PushMessage>(fields.Error == PushCryptoError.None ? PushCryptoError.MissingField : fields.Error);
    }

    /// <summary>Field access that remembers the first missing or malformed field instead of throwing.</summary>
    private sealed class Fields(IReadOnlyDictionary<string, string> values)
    {
        public PushCryptoError Error { get; private set; }

        public string? Optional(string name) =>
            values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        public string? Required(string name)
        {
            var value = Optional(name);
            if (value is null)
            {
                Fail(PushCryptoError.MissingField);
            }

            return value;
        }

        public DateTimeOffset RequiredTime(string name)
        {
            var value = Required(name);
            if (value is null)
            {
                return default;
            }

            if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return DateTimeOffset.FromUnixTimeSeconds(seconds);
            }

            Fail(PushCryptoError.InvalidField);
            return default;
        }

        private void Fail(PushCryptoError error)
        {
            if (Error == PushCryptoError.None)
            {
                Error = error;
            }
        }
    }
}
