using System.Security.Cryptography;
using System.Text;

namespace WeChatDomains.Sandbox.State;

/// <summary>
/// A domain confirm file: the name and content WeChat hands out for a platform (get_domain_confirmfile) or an authorizer
/// (get_webviewdomain_confirmfile). The sandbox derives both from the appid, so they are stable across calls and resets.
/// </summary>
internal sealed record ConfirmFileState(string FileName, string FileContent)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The confirm file of <paramref name="appId"/>.</summary>
    public static ConfirmFileState Of(string appId)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes("confirmfile:" + appId));
        var name = new StringBuilder(SandboxConstants.ConfirmFileNameLength + 4);
        for (var i = 0; i < SandboxConstants.ConfirmFileNameLength; i++)
        {
            name.Append(Alphabet[digest[i] % Alphabet.Length]);
        }

        return new ConfirmFileState(name.Append(".txt").ToString(), Convert.ToHexStringLower(digest[16..]));
    }
}
