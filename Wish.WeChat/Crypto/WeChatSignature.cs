using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace WeChatWish.WeChat.Crypto;

/// <summary>WeChat's SHA1 signatures: the URL <c>signature</c> and the safe-mode <c>msg_signature</c>.</summary>
public static class WeChatSignature
{
    private const int Sha1HexLength = SHA1.HashSizeInBytes * 2;

    /// <summary>Lowercase hex SHA1 of token, timestamp and nonce, sorted ordinally and concatenated.</summary>
    public static string ComputeUrlSignature(string token, string timestamp, string nonce) =>
        Convert.ToHexStringLower(Hash(token, timestamp, nonce));

    /// <summary>Lowercase hex SHA1 of token, timestamp, nonce and the Encrypt value, sorted ordinally.</summary>
    public static string ComputeMessageSignature(string token, string timestamp, string nonce, string encrypt) =>
        Convert.ToHexStringLower(Hash(token, timestamp, nonce, encrypt));

    /// <summary>Checks the GET verification signature; false (never an exception) on any missing input.</summary>
    public static bool VerifyUrlSignature(string? token, string? timestamp, string? nonce, string? signature) =>
        !string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(timestamp) && !string.IsNullOrEmpty(nonce)
        && Matches(signature, Hash(token, timestamp, nonce));

    /// <summary>Checks msg_signature; false (never an exception) on any missing input.</summary>
    public static bool VerifyMessageSignature(string? token, string? timestamp, string? nonce, string? encrypt, string? msgSignature) =>
        !string.IsNullOrEmpty(token) && !string.IsNullOrEmpty(timestamp) && !string.IsNullOrEmpty(nonce)
        && !string.IsNullOrEmpty(encrypt)
        && Matches(msgSignature, Hash(token, timestamp, nonce, encrypt));

    private static byte[] Hash(params string[] parts)
    {
        foreach (var part in parts) ArgumentNullException.ThrowIfNull(part);
        var sorted = (string[])parts.Clone();
        // Culture-sensitive sorting orders "Z" after "a" and yields signatures WeChat rejects.
        Array.Sort(sorted, StringComparer.Ordinal);
        return SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted)));
    }

    private static bool Matches(string? presentedHex, byte[] expected)
    {
        if (presentedHex is null || presentedHex.Length != Sha1HexLength) return false;
        Span<byte> presented = stackalloc byte[SHA1.HashSizeInBytes];
        // Decoding the hex (either case) and comparing bytes keeps the comparison constant-time.
        var status = Convert.FromHexString(presentedHex, presented, out _, out var written);
        return status == OperationStatus.Done && written == presented.Length
            && CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
