using System.Buffers.Text;
using System.Text;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>The SDK's continuation token, carried to callers as an opaque base64url string.</summary>
internal static class ContinuationToken
{
    public static string? Encode(string? sdkToken) =>
        sdkToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(sdkToken));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(token), exception);
        }
    }
}
