using System.Text;
using System.Text.RegularExpressions;

namespace WeChatWish.Domain;

/// <summary>
/// Contact details written into a wish's own words (“我叫王小明电话13800001111住鼓楼区中山路1号”): phone numbers, ID numbers,
/// other long digit runs, and the beneficiary's own name, phone, address and ID number. Reviewers are warned (a flag), and every
/// view for volunteers and the public shows the text with those spans masked.
/// </summary>
public static partial class ContactDetails
{
    public const char MaskChar = '*';

    /// <summary>The spans of <paramref name="text"/> that reach or identify a person, merged and in order.</summary>
    public static IReadOnlyList<Range> Find(string text, IEnumerable<string>? personalDetails = null)
    {
        var spans = new List<(int Start, int End)>();
        foreach (Match m in IdNumber().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (Match m in Mobile().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (Match m in LongDigits().Matches(text)) spans.Add((m.Index, m.Index + m.Length));
        foreach (var detail in Details(personalDetails))
            for (var at = text.IndexOf(detail, StringComparison.Ordinal); at >= 0; at = text.IndexOf(detail, at + detail.Length, StringComparison.Ordinal))
                spans.Add((at, at + detail.Length));
        return Merge(spans);
    }

    public static bool AreIn(string text, IEnumerable<string>? personalDetails = null) => Find(text, personalDetails).Count > 0;

    /// <summary>The text with every span of <see cref="Find"/> replaced by <see cref="MaskChar"/>, one for each character.</summary>
    public static string Mask(string text, IEnumerable<string>? personalDetails = null)
    {
        var spans = Find(text, personalDetails);
        if (spans.Count == 0) return text;
        var masked = new StringBuilder(text);
        foreach (var span in spans)
            for (var i = span.Start.Value; i < span.End.Value; i++) masked[i] = MaskChar;
        return masked.ToString();
    }

    /// <summary>The person's details worth looking for: a name of two characters or more, an address and its parts after the district.</summary>
    private static IEnumerable<string> Details(IEnumerable<string>? personalDetails)
    {
        foreach (var raw in personalDetails ?? [])
        {
            var detail = raw.Trim();
            if (detail.Length < 2) continue;
            yield return detail;
            // “南京市鼓楼区中山路1号” is often written as “中山路1号”.
            var afterDistrict = detail.LastIndexOfAny(['区', '县', '市']);
            if (afterDistrict >= 0 && detail.Length - afterDistrict - 1 >= 4) yield return detail[(afterDistrict + 1)..];
        }
    }

    private static List<Range> Merge(List<(int Start, int End)> spans)
    {
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var merged = new List<Range>();
        int? start = null, end = null;
        foreach (var (s, e) in spans)
        {
            if (start is null) { (start, end) = (s, e); continue; }
            if (s <= end) { end = Math.Max(end!.Value, e); continue; }
            merged.Add(start.Value..end!.Value);
            (start, end) = (s, e);
        }
        if (start is not null) merged.Add(start.Value..end!.Value);
        return merged;
    }

    // A mainland mobile number, spaces or hyphens allowed between digits: 138 0000 1111, 138-0000-1111.
    [GeneratedRegex(@"(?<!\d)1[3-9]\d(?:[ \-]?\d){8}(?!\d)")]
    private static partial Regex Mobile();

    // A resident ID number: 18 characters, the last a digit or X.
    [GeneratedRegex(@"(?<![\dXx])\d{17}[\dXx](?![\dXx])")]
    private static partial Regex IdNumber();

    // Landlines, QQ numbers, old 15-digit IDs, house-door codes: any run of seven digits or more.
    [GeneratedRegex(@"\d{7,}")]
    private static partial Regex LongDigits();
}
