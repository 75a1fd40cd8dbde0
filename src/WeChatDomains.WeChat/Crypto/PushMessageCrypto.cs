using System.Security.Cryptography;
using System.Text;

namespace WeChatDomains.WeChat.Crypto;

/// <summary>
/// WeChat's push-message crypto (WXBizMsgCrypt) for a third-party platform: checks msg_signature, opens and seals
/// the AES-256-CBC Encrypt string (key = Base64(EncodingAESKey + "="), IV = first 16 key bytes, PKCS#7 over
/// 32-byte blocks; plaintext = 16 random bytes, 4-byte big-endian length, message, AppId).
/// Bad input gives a <see cref="PushCryptoResult{T}"/> failure, never an exception. Thread-safe.
/// </summary>
public sealed class PushMessageCrypto
{
    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _iv;
    private readonly string _appId;
    private readonly IRandomPrefixSource _random;

    /// <summary>Creates the crypto for one platform.</summary>
    /// <param name="token">The platform's message-check token.</param>
    /// <param name="encodingAesKey">The platform's 43-character EncodingAESKey.</param>
    /// <param name="appId">The component AppId every push must carry.</param>
    /// <param name="random">The source of the 16-byte prefix; defaults to the OS CSPRNG.</param>
    /// <exception cref="PushCryptoException">With <see cref="PushCryptoError.InvalidAesKey"/> for a malformed key.</exception>
    public PushMessageCrypto(string token, string encodingAesKey, string appId, IRandomPrefixSource? random = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        _key = AesKeyValidator.Decode(encodingAesKey) ?? throw new PushCryptoException(PushCryptoError.InvalidAesKey);
        _iv = _key[..PushCryptoConstants.IvBytes];
        _token = token;
        _appId = appId;
        _random = random ?? SecureRandomPrefixSource.Instance;
    }

    /// <summary>Whether <paramref name="encodingAesKey"/> is 43 characters of the Base64 alphabet (for options validation).</summary>
    /// <param name="encodingAesKey">The key to check.</param>
    public static bool IsValidEncodingAesKey(string? encodingAesKey) => AesKeyValidator.Decode(encodingAesKey) is not null;

    /// <summary>msg_signature: lowercase hex SHA-1 of the four values sorted ordinally and concatenated.</summary>
    /// <param name="token">The platform token.</param>
    /// <param name="timestamp">The timestamp query value.</param>
    /// <param name="nonce">The nonce query value.</param>
    /// <param name="encrypt">The Encrypt string.</param>
    public static string ComputeSignature(string token, string timestamp, string nonce, string encrypt)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypt);
        return PushSignature.Compute(token, timestamp, nonce, encrypt);
    }

    /// <summary>Checks the signature, decrypts and unwraps an Encrypt string into the message XML.</summary>
    /// <param name="msgSignature">The msg_signature query value.</param>
    /// <param name="timestamp">The timestamp query value.</param>
    /// <param name="nonce">The nonce query value.</param>
    /// <param name="encrypt">The Encrypt element of the push body.</param>
    /// <returns>The message XML, or the first check that failed.</returns>
    public PushCryptoResult<string> Decrypt(string? msgSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (string.IsNullOrEmpty(msgSignature) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(encrypt))
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.MissingParameter);
        }

        if (encrypt.Length > PushCryptoConstants.MaxEncryptChars)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.TooLarge);
        }

        if (!PushSignature.Matches(PushSignature.Compute(_token, timestamp, nonce, encrypt), msgSignature))
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidSignature);
        }

        var ciphertext = new byte[encrypt.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(encrypt, ciphertext, out var length))
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidBase64);
        }

        if (length == 0 || length % PushCryptoConstants.AesBlockBytes != 0)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidCiphertextLength);
        }

        using var aes = CreateAes();
        var plain = aes.DecryptCbc(ciphertext.AsSpan(0, length), _iv, PaddingMode.None);
        try
        {
            return PushPlaintext.Unwrap(plain, _appId);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>Seals a message XML as WeChat would push it.</summary>
    /// <param name="plainXml">The message XML.</param>
    /// <param name="timestamp">The timestamp to sign (Unix seconds as WeChat sends it).</param>
    /// <param name="nonce">The nonce to sign.</param>
    /// <returns>The Encrypt string and its msg_signature.</returns>
    /// <exception cref="ArgumentException">When the message exceeds <see cref="PushCryptoConstants.MaxMessageBytes"/>.</exception>
    public EncryptedPush Encrypt(string plainXml, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(plainXml);
        ArgumentException.ThrowIfNullOrEmpty(timestamp);
        ArgumentException.ThrowIfNullOrEmpty(nonce);
        var messageBytes = Encoding.UTF8.GetByteCount(plainXml);
        if (messageBytes > PushCryptoConstants.MaxMessageBytes)
        {
            throw new ArgumentException("The message is larger than the accepted maximum.", nameof(plainXml));
        }

        var plain = PushPlaintext.Build(_random, plainXml, messageBytes, _appId);
        try
        {
            using var aes = CreateAes();
            var encrypt = Convert.ToBase64String(aes.EncryptCbc(plain, _iv, PaddingMode.None));
            return new EncryptedPush(encrypt, PushSignature.Compute(_token, timestamp, nonce, encrypt), timestamp, nonce);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private Aes CreateAes()
    {
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }
}
