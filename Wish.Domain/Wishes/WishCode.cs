using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WeChatWish.Domain;

/// <summary>Wish codes: <c>W</c> + the round's yyyyMM + <c>-</c> + a sequence of at least four digits, e.g. <c>W202612-0042</c>.</summary>
public static class WishCode
{
    /// <summary>"W" + 6 + "-" + up to 7 digits; the sequence grows past four digits rather than failing intake.</summary>
    public const int MaxLength = 15;

    public static string Format(Round round, int sequence)
    {
        if (sequence is < 1 or > 9_999_999)
            throw new ArgumentOutOfRangeException(nameof(sequence), sequence, "A wish code sequence runs from 1 to 9,999,999.");
        return string.Create(CultureInfo.InvariantCulture, $"W{round}-{sequence:D4}");
    }

    /// <summary>Accepts only the canonical form: four digits, or more without a leading zero.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out Round round, out int sequence)
    {
        round = default;
        sequence = 0;
        if (code is not { Length: >= 12 and <= MaxLength } || code[0] != 'W' || code[7] != '-') return false;
        if (!Round.TryParse(code[1..7], out var parsedRound)) return false;
        var digits = code.AsSpan(8);
        foreach (var c in digits)
            if (!char.IsAsciiDigit(c)) return false;
        if (digits.Length > 4 && digits[0] == '0') return false;
        sequence = int.Parse(digits, CultureInfo.InvariantCulture);
        if (sequence == 0) return false;
        round = parsedRound;
        return true;
    }

    public static (Round Round, int Sequence) Parse(string code) =>
        TryParse(code, out var round, out var sequence)
            ? (round, sequence)
            : throw new DomainValidationException(DomainErrorCodes.WishCodeInvalid, "code", $"“{code}”不是有效的心愿编号（如W202612-0042）。");
}
