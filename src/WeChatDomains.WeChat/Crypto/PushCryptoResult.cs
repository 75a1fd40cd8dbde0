namespace WeChatDomains.WeChat.Crypto;

/// <summary>
/// The outcome of opening, sealing or parsing a push: a value, or the <see cref="PushCryptoError"/> that stopped it.
/// Never carries the key, the token or decrypted content in its description.
/// </summary>
/// <typeparam name="T">The value on success.</typeparam>
public sealed class PushCryptoResult<T>
    where T : class
{
    internal PushCryptoResult(T? value, PushCryptoError error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value when <see cref="IsSuccess"/>; otherwise null.</summary>
    public T? Value { get; }

    /// <summary>The failed check, or <see cref="PushCryptoError.None"/>.</summary>
    public PushCryptoError Error { get; }

    /// <summary>True when a value is present.</summary>
    public bool IsSuccess => Error == PushCryptoError.None;

    /// <summary>A fixed, content-free description of <see cref="Error"/>, safe to log or return.</summary>
    public string Description => PushCryptoErrorDescriptions.Describe(Error);

    /// <summary>Carries this failure over to a result of another type.</summary>
    /// <typeparam name="TOther">The other value type.</typeparam>
    internal PushCryptoResult<TOther> Forward<TOther>()
        where TOther : class => PushCryptoResult.Failure<TOther>(Error);

    /// <inheritdoc />
    public override string ToString() => IsSuccess ? "Success" : $"{Error}: {Description}";
}

/// <summary>Creates <see cref="PushCryptoResult{T}"/> values.</summary>
public static class PushCryptoResult
{
    /// <summary>A successful result.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value.</param>
    public static PushCryptoResult<T> Success<T>(T value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value, PushCryptoError.None);
    }

    /// <summary>A failed result.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="error">The failed check; not <see cref="PushCryptoError.None"/>.</param>
    public static PushCryptoResult<T> Failure<T>(PushCryptoError error)
        where T : class
    {
        if (error == PushCryptoError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), "A failure needs an error.");
        }

        return new(null, error);
    }
}
