namespace WeChatWish.WeChat.Crypto;

/// <summary>Why an encrypted WeChat message was refused.</summary>
public enum WeChatCryptoError
{
    /// <summary>msg_signature missing or not matching: the host answers 401.</summary>
    BadSignature,
    BadBase64,
    /// <summary>The ciphertext is empty or not a whole number of AES blocks.</summary>
    BadBlockLength,
    BadPadding,
    /// <summary>The 4-byte length field does not fit the decrypted buffer.</summary>
    BadLength,
    AppIdMismatch,
    /// <summary>The message bytes are not valid UTF-8.</summary>
    BadEncoding,
}

/// <summary>An encrypted message that cannot be trusted; every reason but BadSignature maps to HTTP 400.</summary>
public sealed class WeChatCryptoException : Exception
{
    public WeChatCryptoException(WeChatCryptoError reason)
        : base($"WeChat message refused: {reason}")
    {
        Reason = reason;
    }

    public WeChatCryptoError Reason { get; }
}
