using System.Globalization;
using System.Text;

namespace WeChatWish.Api.Notifications;

/// <summary>Template field values: WeChat cuts most fields at 20 characters, so they are cut here, whole characters only.</summary>
public static class TemplateText
{
    public const int MaxLength = 20;

    /// <summary>At most <paramref name="max"/> text elements (grapheme clusters): a surrogate pair or an emoji sequence is never split.</summary>
    public static string Cut(string? value, int max = MaxLength)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var info = new StringInfo(value);
        return info.LengthInTextElements <= max ? value : info.SubstringByTextElements(0, max);
    }

    /// <summary>Maps logical names through the template's fields (unknown names pass through) and cuts every value.</summary>
    public static Dictionary<string, string> Map(IReadOnlyDictionary<string, string> data, IReadOnlyDictionary<string, string>? fields)
    {
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in data)
            mapped[fields is not null && fields.TryGetValue(key, out var wechatKey) ? wechatKey : key] = Cut(value);
        return mapped;
    }

    public static string ChinaTime(DateTimeOffset at) =>
        at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
