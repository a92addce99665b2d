using System.Globalization;

namespace WeChatWish.Console.Shared;

/// <summary>Times as staff read them: China time (UTC+8 all year), and money in yuan.</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Of(DateTimeOffset at) => at.ToOffset(Offset);

    public static string Format(DateTimeOffset? at) => at is { } t ? Of(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Date(DateTimeOffset? at) => at is { } t ? Of(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static DateTimeOffset Now => Of(DateTimeOffset.UtcNow);

    /// <summary>A date and time picked in the browser, read as China time.</summary>
    public static DateTimeOffset FromPicked(DateTime date, TimeSpan time) =>
        new(date.Date + time, Offset);

    public static string Round(DateTimeOffset at) => Of(at).ToString("yyyyMM", CultureInfo.InvariantCulture);

    public static string RoundName(string round) =>
        round.Length == 6 ? $"{round[..4]}年{int.Parse(round[4..], CultureInfo.InvariantCulture)}月" : round;

    public static string Yuan(decimal amount) => amount.ToString("#,0.##", CultureInfo.InvariantCulture) + " 元";
}
