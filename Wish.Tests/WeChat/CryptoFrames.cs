using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WeChatWish.Tests.WeChat;

/// <summary>Builds hostile ciphertexts by hand: any frame bytes, encrypted under a real key without padding rules.</summary>
public static class CryptoFrames
{
    public static byte[] Key(string encodingAesKey) => Convert.FromBase64String(encodingAesKey + "=");

    public static string RawEncrypt(string encodingAesKey, byte[] frame)
    {
        using var aes = Aes.Create();
        aes.Key = Key(encodingAesKey);
        return Convert.ToBase64String(aes.EncryptCbc(frame, aes.Key.AsSpan(0, 16), PaddingMode.None));
    }

    public static byte[] RawDecrypt(string encodingAesKey, byte[] ciphertext)
    {
        using var aes = Aes.Create();
        aes.Key = Key(encodingAesKey);
        return aes.DecryptCbc(ciphertext, aes.Key.AsSpan(0, 16), PaddingMode.None);
    }

    /// <summary>16 zero bytes, the given length field, message and AppId bytes, then <paramref name="padding"/> as is.</summary>
    public static byte[] Frame(uint declaredLength, byte[] message, string appId, byte[] padding)
    {
        var appIdBytes = Encoding.UTF8.GetBytes(appId);
        var frame = new byte[20 + message.Length + appIdBytes.Length + padding.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(16), declaredLength);
        message.CopyTo(frame, 20);
        appIdBytes.CopyTo(frame, 20 + message.Length);
        padding.CopyTo(frame, 20 + message.Length + appIdBytes.Length);
        return frame;
    }

    /// <summary>Correct PKCS#7-to-32 padding for a frame of <paramref name="unpaddedLength"/> bytes.</summary>
    public static byte[] Pad(int unpaddedLength)
    {
        var pad = 32 - unpaddedLength % 32;
        return Enumerable.Repeat((byte)pad, pad).ToArray();
    }
}
