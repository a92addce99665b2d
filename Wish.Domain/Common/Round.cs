using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace WeChatWish.Domain;

/// <summary>A monthly round of the programme, written <c>yyyyMM</c> (e.g. <c>202612</c>).</summary>
public readonly record struct Round : IComparable<Round>
{
    public const int MinYear = 2000;
    public const int MaxYear = 9999;

    public Round(int year, int month)
    {
        if (year is < MinYear or > MaxYear || month is < 1 or > 12)
            throw Invalid($"{year:D4}{month:D2}");
        Year = year;
        Month = month;
    }

    public int Year { get; }

    /// <summary>A year as staff ask for one (an export's <c>?year</c>): checked against the rounds' range, in the request's words.</summary>
    public static int CheckYear(int year, string field = "year") => year is >= MinYear and <= MaxYear
        ? year
        : throw new DomainValidationException(DomainErrorCodes.Invalid, field, $"年份应在{MinYear}到{MaxYear}之间，例如 2026。");

    public int Month { get; }

    /// <summary>yyyyMM as a number: sortable, and the stored form.</summary>
    public int Value => Year * 100 + Month;

    public DateOnly FirstDay => new(Year, Month, 1);

    public int DaysInMonth => DateTime.DaysInMonth(Year, Month);

    public Round Next() => Month == 12 ? new Round(Year + 1, 1) : new Round(Year, Month + 1);

    public Round Previous() => Month == 1 ? new Round(Year - 1, 12) : new Round(Year, Month - 1);

    public static Round Of(DateOnly date) => new(date.Year, date.Month);

    public static Round FromValue(int value) => new(value / 100, value % 100);

    public static Round Parse(string value) => TryParse(value, out var round) ? round : throw Invalid(value);

    public static bool TryParse([NotNullWhen(true)] string? value, out Round round)
    {
        round = default;
        if (value is not { Length: 6 } || !value.All(char.IsAsciiDigit)) return false;
        var year = int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear || month is < 1 or > 12) return false;
        round = new Round(year, month);
        return true;
    }

    public int CompareTo(Round other) => Value.CompareTo(other.Value);

    public static bool operator <(Round left, Round right) => left.Value < right.Value;

    public static bool operator >(Round left, Round right) => left.Value > right.Value;

    public static bool operator <=(Round left, Round right) => left.Value <= right.Value;

    public static bool operator >=(Round left, Round right) => left.Value >= right.Value;

    public override string ToString() => Value.ToString("D6", CultureInfo.InvariantCulture);

    private static DomainValidationException Invalid(string value) =>
        new(DomainErrorCodes.RoundInvalid, "round", $"“{value}”不是有效的轮次（格式为yyyyMM，如202612）。");
}
