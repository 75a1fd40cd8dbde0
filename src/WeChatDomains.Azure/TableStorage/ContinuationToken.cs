using System.Buffers.Text;
using System.Text;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Where a listing goes on (the SDK's continuation token, or the last RowKey of a listing merged from several
/// partitions), carried to callers as an opaque base64url string.
/// </summary>
internal static class ContinuationToken
{
    public static string? Encode(string? position) =>
        position is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

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
