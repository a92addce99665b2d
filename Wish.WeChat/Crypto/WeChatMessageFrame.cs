using System.Buffers.Binary;
using System.Text;

namespace WeChatWish.WeChat.Crypto;

/// <summary>The plaintext layout inside the AES block: 16 random bytes, big-endian length, message, AppId, PKCS#7 to 32.</summary>
internal static class WeChatMessageFrame
{
    public const int RandomPrefixLength = 16;
    public const int PadBlockSize = 32;
    private const int LengthFieldSize = 4;
    private const int HeaderLength = RandomPrefixLength + LengthFieldSize;

    // Strict: a lone surrogate or invalid byte must fail loudly rather than become U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] Build(ReadOnlySpan<byte> randomPrefix, string message, byte[] appId)
    {
        byte[] messageBytes;
        try { messageBytes = StrictUtf8.GetBytes(message); }
        catch (EncoderFallbackException e) { throw new ArgumentException("The message is not valid Unicode text.", nameof(message), e); }

        var unpadded = HeaderLength + messageBytes.Length + appId.Length;
        var pad = PadBlockSize - unpadded % PadBlockSize;
        var frame = new byte[unpadded + pad];
        randomPrefix.CopyTo(frame);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(RandomPrefixLength), (uint)messageBytes.Length);
        messageBytes.CopyTo(frame, HeaderLength);
        appId.CopyTo(frame, HeaderLength + messageBytes.Length);
        frame.AsSpan(unpadded).Fill((byte)pad);
        return frame;
    }

    /// <summary>Unpads and splits a decrypted frame, reading nothing outside it whatever it contains.</summary>
    public static string Parse(ReadOnlySpan<byte> frame, ReadOnlySpan<byte> expectedAppId)
    {
        var content = frame[..(frame.Length - PadLength(frame))];
        if (content.Length < HeaderLength) throw new WeChatCryptoException(WeChatCryptoError.BadLength);

        var declared = BinaryPrimitives.ReadUInt32BigEndian(content.Slice(RandomPrefixLength, LengthFieldSize));
        if (declared > (uint)(content.Length - HeaderLength)) throw new WeChatCryptoException(WeChatCryptoError.BadLength);

        var message = content.Slice(HeaderLength, (int)declared);
        var appId = content[(HeaderLength + (int)declared)..];
        // Byte equality of UTF-8 is ordinal equality of the AppId strings.
        if (!appId.SequenceEqual(expectedAppId)) throw new WeChatCryptoException(WeChatCryptoError.AppIdMismatch);

        try { return StrictUtf8.GetString(message); }
        catch (DecoderFallbackException) { throw new WeChatCryptoException(WeChatCryptoError.BadEncoding); }
    }

    private static int PadLength(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty) throw new WeChatCryptoException(WeChatCryptoError.BadPadding);
        int pad = frame[^1];
        if (pad < 1 || pad > PadBlockSize || pad > frame.Length) throw new WeChatCryptoException(WeChatCryptoError.BadPadding);
        var mismatch = 0;
        foreach (var b in frame[^pad..]) mismatch |= b ^ pad;
        if (mismatch != 0) throw new WeChatCryptoException(WeChatCryptoError.BadPadding);
        return pad;
    }
}
