using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace WeChatWish.Api.Intake;

/// <summary>
/// Reads what people actually type or say: full-width digits, Chinese numerals (八十, 一百五, 两百), spaced phone numbers,
/// voice recognition's trailing "。".
/// </summary>
public static partial class ChineseInput
{
    private const string TrailingPunctuation = "。.!！?？,，、~～ ";

    /// <summary>
    /// Full-width digits, letters, "－" and "．" folded to ASCII, whitespace collapsed, trailing punctuation dropped. Chinese
    /// punctuation inside the text stays as typed, since the wish's words are stored as the person wrote them.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
            folded.Append(c switch
            {
                >= '０' and <= '９' or >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ' or '－' or '．' => (char)(c - 0xFEE0),
                '\u3000' => ' ',
                _ => c,
            });
        return Whitespace().Replace(folded.ToString(), " ").Trim().TrimEnd(TrailingPunctuation.ToCharArray()).Trim();
    }

    /// <summary>A choice number: "3", "三", "第3个", "3号".</summary>
    public static int? ChoiceNumber(string text)
    {
        var match = Choice().Match(text);
        if (!match.Success) return null;
        var number = match.Groups["n"].Value;
        return number.All(char.IsAsciiDigit) ? int.Parse(number, CultureInfo.InvariantCulture) : (int?)ChineseNumber(number);
    }

    /// <summary>An amount of yuan in an answer: "80", "80.5元", "大概一百五十块", "两百"; null when there is none.</summary>
    public static decimal? Amount(string text)
    {
        if (AmountWithUnit(text) is { } withUnit) return withUnit.Value;
        var arabic = ArabicAmount().Match(text);
        if (arabic.Success) return ParseAmount(arabic.Value);
        // Without a unit or digits, only an answer that is a numeral and nothing else: "想要一台冰箱" is not 1 yuan.
        var bare = AmountFiller().Replace(text, "");
        return bare.Length > 0 && ChineseNumeral().Match(bare) is { Success: true } m && m.Length == bare.Length ? ChineseNumber(bare) : null;
    }

    /// <summary>A number followed by 元 or 块 ("80元", "一百块钱"), with where it stands in the text.</summary>
    public static (decimal Value, int Index, int Length)? AmountWithUnit(string text)
    {
        // 块 is also a measure word (一块手表): prefer 元, then Arabic digits, then the last one.
        var match = AmountUnit().Matches(text)
            .OrderBy(m => (m.Groups["u"].Value == "元" ? 2 : 0) + (char.IsAsciiDigit(m.Value[0]) ? 1 : 0))
            .ThenBy(m => m.Index)
            .LastOrDefault();
        if (match is null) return null;
        var number = match.Groups["n"].Value;
        var value = char.IsAsciiDigit(number[0]) ? ParseAmount(number) : ChineseNumber(number);
        return value is null ? null : (value.Value, match.Index, match.Length);
    }

    private static decimal? ParseAmount(string number) =>
        decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A phone number as digits: spaces, dashes and +86 dropped, spoken digits (一三八…, 幺) turned into digits.</summary>
    public static string PhoneDigits(string text)
    {
        var digits = new StringBuilder();
        foreach (var c in text)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : SpokenDigit(c);
            if (digit >= 0) digits.Append((char)('0' + digit));
        }
        var result = digits.ToString();
        return result.Length == 13 && result.StartsWith("86", StringComparison.Ordinal) ? result[2..] : result;
    }

    /// <summary>Chinese numerals up to the tens of thousands, including the spoken "一百五" for 150; null when malformed.</summary>
    public static int? ChineseNumber(string text)
    {
        if (text.Length == 0) return null;
        long total = 0, section = 0, digit = -1, lastUnit = 0;
        var zeroSinceUnit = false;
        foreach (var c in text)
        {
            var d = SpokenDigit(c);
            if (d >= 0)
            {
                if (d == 0) zeroSinceUnit = true;
                digit = d;
                continue;
            }
            var unit = c switch { '十' => 10, '百' => 100, '千' => 1000, '万' => 10000, _ => 0 };
            if (unit == 0) return null;
            if (unit == 10000)
            {
                total += (section + Math.Max(digit, 0)) * 10000;
                section = 0;
            }
            else section += (digit < 0 ? 1 : digit) * unit;
            digit = -1;
            lastUnit = unit;
            zeroSinceUnit = false;
        }
        // "一百五" means 150 and "三千二" 3200: a lone digit after a unit counts in the next unit down.
        var tail = digit < 0 ? 0 : lastUnit >= 100 && !zeroSinceUnit ? digit * (lastUnit / 10) : digit;
        var result = total + section + tail;
        return result is > 0 and <= int.MaxValue ? (int)result : text.All(c => SpokenDigit(c) == 0) ? 0 : null;
    }

    private static int SpokenDigit(char c) => c switch
    {
        '零' or '〇' => 0,
        '一' or '幺' => 1,
        '二' or '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => -1,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^(?:第|选)?\s*(?<n>[0-9]{1,2}|[一二两三四五六七八九十]{1,2})\s*(?:个|号|项)?$")]
    private static partial Regex Choice();

    [GeneratedRegex(@"[0-9]+(?:\.[0-9]+)?")]
    private static partial Regex ArabicAmount();

    [GeneratedRegex(@"(?<n>[0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万]+)\s*(?<u>元|块)(?:钱)?(?:左右)?")]
    private static partial Regex AmountUnit();

    [GeneratedRegex("大概|大约|差不多|估计|左右|需要|要|的样子|吧|钱|元|块|[ ,，。]")]
    private static partial Regex AmountFiller();

    [GeneratedRegex("[零〇一二两三四五六七八九十百千万]+")]
    private static partial Regex ChineseNumeral();
}
