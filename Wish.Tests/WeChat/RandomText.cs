using System.Text;

namespace WeChatWish.Tests.WeChat;

/// <summary>Seeded generators for property tests: reproducible, and covering the text WeChat users actually send.</summary>
public static class RandomText
{
    public const int Seed = 20240517;

    /// <summary>Any valid Unicode: ASCII, XML specials, controls, CJK (incl. supplementary), emoji, noncharacters.</summary>
    public static string Unicode(Random random, int maxLength)
    {
        var length = random.Next(0, maxLength + 1);
        var text = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
            text.Append(random.Next(9) switch
            {
                0 => ((char)random.Next(0x20, 0x7F)).ToString(),
                1 => "<>&'\"]]>"[random.Next(8)].ToString(),
                2 => ((char)random.Next(0x00, 0x20)).ToString(),
                3 => ((char)random.Next(0x4E00, 0xA000)).ToString(),
                4 => char.ConvertFromUtf32(random.Next(0x1F300, 0x1FB00)),
                5 => char.ConvertFromUtf32(random.Next(0x20000, 0x2A6E0)),
                6 => " \t\n\r"[random.Next(4)].ToString(),
                7 => ((char)random.Next(0x00C0, 0x0500)).ToString(),
                _ => random.Next(2) == 0 ? "\uFFFF" : "\uFEFF",
            });
        return text.ToString();
    }

    /// <summary>A fresh EncodingAESKey: 32 random bytes, Base64 without the trailing '='.</summary>
    public static string EncodingAesKey(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        return Convert.ToBase64String(key).TrimEnd('=');
    }

    /// <summary>Mixed-case alphanumerics, so ordinal and culture-sensitive sorting disagree.</summary>
    public static string Token(Random random, int minLength = 3, int maxLength = 32)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var length = random.Next(minLength, maxLength + 1);
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++) span[i] = alphabet[r.Next(alphabet.Length)];
        });
    }

    public static string Digits(Random random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10))));
}
