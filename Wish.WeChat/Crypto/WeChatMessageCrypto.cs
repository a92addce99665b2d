using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.WeChat.Crypto;

/// <summary>
/// Safe-mode message encryption for one official account: AES-256-CBC, IV = first 16 key bytes,
/// PKCS#7 to 32-byte blocks handled by hand (.NET's PKCS7 mode rejects real WeChat ciphertexts).
/// Immutable and thread-safe: register it as a singleton.
/// </summary>
public sealed class WeChatMessageCrypto
{
    public const int EncodingAesKeyLength = 43;
    private const int AesKeyBytes = 32;
    private const int IvBytes = 16;

    private readonly string _token;
    private readonly byte[] _appId;
    private readonly KeyCipher _current;
    private readonly KeyCipher? _previous;

    // Random prefixes come from a per-thread block of CSPRNG bytes, refilled 64 messages at a time, not one call per message.
    [ThreadStatic] private static byte[]? _randomBlock;
    [ThreadStatic] private static int _randomUsed;

    public WeChatMessageCrypto(string token, string encodingAesKey, string appId, string? previousEncodingAesKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(appId);
        _token = token;
        _appId = Encoding.UTF8.GetBytes(appId);
        _current = new KeyCipher(DecodeKey(encodingAesKey, nameof(encodingAesKey)));
        _previous = string.IsNullOrEmpty(previousEncodingAesKey) ? null : new KeyCipher(DecodeKey(previousEncodingAesKey, nameof(previousEncodingAesKey)));
    }

    public WeChatMessageCrypto(OfficialAccountOptions options)
        : this(options.Token, options.EncodingAESKey, options.AppId, options.PreviousEncodingAESKey)
    {
    }

    /// <summary>True when the key is 43 Base64 characters that decode (with "=" appended) to 32 bytes.</summary>
    public static bool IsValidEncodingAesKey(string? encodingAesKey) => TryDecodeKey(encodingAesKey, out _);

    /// <summary>Base64 ciphertext of the message; <paramref name="randomPrefix"/> is for vectors, empty means fresh random bytes.</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> randomPrefix = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Span<byte> prefix = stackalloc byte[WeChatMessageFrame.RandomPrefixLength];
        if (randomPrefix.IsEmpty) FillRandom(prefix);
        else if (randomPrefix.Length == prefix.Length) randomPrefix.CopyTo(prefix);
        else throw new ArgumentException($"The random prefix must be {prefix.Length} bytes.", nameof(randomPrefix));

        var frame = WeChatMessageFrame.Build(prefix, message, _appId);
        return Convert.ToBase64String(_current.Encrypt(frame));
    }

    /// <summary>Decrypts an Encrypt value with the current key, then the previous one.</summary>
    /// <exception cref="WeChatCryptoException">The value is not a message for this account.</exception>
    public string Decrypt(string encrypt)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        var ciphertext = DecodeCiphertext(encrypt);
        var error = TryDecrypt(_current, ciphertext, out var message);
        if (error is null) return message;
        if (_previous is not null && TryDecrypt(_previous, ciphertext, out message) is null) return message;
        throw new WeChatCryptoException(error.Value);
    }

    /// <summary>Checks msg_signature before decrypting, so nothing unsigned reaches the cipher.</summary>
    /// <exception cref="WeChatCryptoException">BadSignature, or any decryption failure.</exception>
    public string VerifyAndDecrypt(string? msgSignature, string? timestamp, string? nonce, string? encrypt)
    {
        if (!WeChatSignature.VerifyMessageSignature(_token, timestamp, nonce, encrypt, msgSignature))
            throw new WeChatCryptoException(WeChatCryptoError.BadSignature);
        return Decrypt(encrypt!);
    }

    /// <summary>Wraps a passive reply in the encrypted envelope; <see cref="WeChatReply.Success"/> stays plain "success".</summary>
    public WeChatReply EncryptReply(WeChatReply reply, string nonce, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.IsSuccess) return reply;
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        return WeChatReply.FromXml(BuildEncryptedReplyXml(reply.Body, nonce, timestamp));
    }

    /// <summary>The <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c> envelope.</summary>
    public string BuildEncryptedReplyXml(string replyXml, string nonce, long timestamp, ReadOnlySpan<byte> randomPrefix = default)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        // The nonce comes from the query string: sign exactly what ends up in the XML.
        var safeNonce = WeChatXml.SanitizeText(nonce);
        if (safeNonce.Length == 0) throw new ArgumentException("The nonce is empty.", nameof(nonce));
        var encrypt = Encrypt(replyXml, randomPrefix);
        var time = timestamp.ToString(CultureInfo.InvariantCulture);
        var signature = WeChatSignature.ComputeMessageSignature(_token, time, safeNonce, encrypt);

        var xml = new StringBuilder("<xml>");
        WeChatXml.AppendCDataElement(xml, "Encrypt", encrypt);
        WeChatXml.AppendCDataElement(xml, "MsgSignature", signature);
        xml.Append("<TimeStamp>").Append(time).Append("</TimeStamp>");
        WeChatXml.AppendCDataElement(xml, "Nonce", safeNonce);
        return xml.Append("</xml>").ToString();
    }

    private WeChatCryptoError? TryDecrypt(KeyCipher cipher, byte[] ciphertext, out string message)
    {
        message = "";
        var frame = cipher.Decrypt(ciphertext);
        try
        {
            message = WeChatMessageFrame.Parse(frame, _appId);
            return null;
        }
        catch (WeChatCryptoException e)
        {
            return e.Reason;
        }
    }

    private static void FillRandom(Span<byte> destination)
    {
        var block = _randomBlock ??= new byte[WeChatMessageFrame.RandomPrefixLength * 64];
        if (_randomUsed == 0 || _randomUsed + destination.Length > block.Length)
        {
            RandomNumberGenerator.Fill(block);
            _randomUsed = 0;
        }
        block.AsSpan(_randomUsed, destination.Length).CopyTo(destination);
        _randomUsed += destination.Length;
    }

    /// <summary>
    /// One EncodingAESKey with an Aes per thread: creating one and setting its key on every message cost more than the cipher
    /// itself. WeChat's IV is the key's first 16 bytes; padding is handled by hand (see the class summary).
    /// </summary>
    private sealed class KeyCipher(byte[] key)
    {
        private readonly ThreadLocal<Aes> _aes = new(() =>
        {
            var aes = Aes.Create();
            aes.Key = key;
            return aes;
        });

        public byte[] Encrypt(byte[] frame) => _aes.Value!.EncryptCbc(frame, key.AsSpan(0, IvBytes), PaddingMode.None);

        public byte[] Decrypt(byte[] ciphertext) => _aes.Value!.DecryptCbc(ciphertext, key.AsSpan(0, IvBytes), PaddingMode.None);
    }

    private static byte[] DecodeCiphertext(string encrypt)
    {
        var buffer = new byte[(encrypt.Length + 3) / 4 * 3];
        if (!Convert.TryFromBase64String(encrypt, buffer, out var written))
            throw new WeChatCryptoException(WeChatCryptoError.BadBase64);
        if (written == 0 || written % IvBytes != 0)
            throw new WeChatCryptoException(WeChatCryptoError.BadBlockLength);
        return buffer[..written];
    }

    private static byte[] DecodeKey(string? encodingAesKey, string parameterName) =>
        TryDecodeKey(encodingAesKey, out var key)
            ? key
            : throw new ArgumentException($"An EncodingAESKey is {EncodingAesKeyLength} Base64 characters decoding to {AesKeyBytes} bytes.", parameterName);

    private static bool TryDecodeKey(string? encodingAesKey, out byte[] key)
    {
        key = [];
        // Checked by hand because Convert ignores whitespace inside Base64.
        if (encodingAesKey is null || encodingAesKey.Length != EncodingAesKeyLength
            || !encodingAesKey.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/'))
            return false;
        var buffer = new byte[AesKeyBytes + 1];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", buffer, out var written) || written != AesKeyBytes)
            return false;
        key = buffer[..AesKeyBytes];
        return true;
    }
}
