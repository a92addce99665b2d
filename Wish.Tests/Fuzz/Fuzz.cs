using System.Text;

namespace WeChatWish.Tests.Fuzz;

/// <summary>
/// Seeds for the fuzzers. Body i of a run is made from its own Random(Seed, i), so one failing body is replayed alone:
/// WISH_FUZZ_SEED=&lt;seed&gt; WISH_FUZZ_ONLY=&lt;i&gt; dotnet test --filter Fuzz. WISH_FUZZ_COUNT changes how many bodies (10,000).
/// </summary>
public static class Fuzz
{
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("WISH_FUZZ_SEED"), out var s) ? s : 17;

    public static int Count => int.TryParse(Environment.GetEnvironmentVariable("WISH_FUZZ_COUNT"), out var c) ? c : 10_000;

    public static IEnumerable<int> Indices =>
        int.TryParse(Environment.GetEnvironmentVariable("WISH_FUZZ_ONLY"), out var only) ? [only] : Enumerable.Range(0, Count);

    public static Random For(int seed, int index) => new(HashCode.Combine(seed, index, 0x17));

    public static Guid Guid(this Random r)
    {
        var bytes = new byte[16];
        r.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static T Pick<T>(this Random r, IReadOnlyList<T> items) => items[r.Next(items.Count)];

    private static readonly string[] Strings =
    [
        "", " ", "王秀英", "13812345678", "+86 138-1234-5678", "gulou", "鼓楼区中山路1号", "admin", "Admin-Test-Password-1", "superuser",
        "volunteer", "active", "published", "elderly_alone", "goods", "urgent", "2026", "202612", "abc", "-1", "0", "4.5", "1e400", "null",
        "true", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "%00", "\u0000", "\u202e", "😀👍🏽", "\ud800", "\uffff",
        "𠀀𠀁", "W202612-0001", "o_fuzz", "{}", "[]", "\"", "\\", "\r\n", "thing1", "{\"value\":\"x\"}",
    ];

    private static readonly string[] Fields =
    [
        "name", "phone", "address", "password", "username", "userName", "role", "districtCode", "content", "estimatedCost", "cost", "minutes",
        "note", "reason", "ids", "code", "recipients", "templateKey", "template", "data", "year", "round", "page", "pageSize", "category",
        "kind", "urgency", "beneficiary", "specialties", "birthYear", "gender", "politicalStatus", "organisation", "serviceIntent",
        "currentPassword", "newPassword", "openIds", "districtCodes", "status", "at", "place", "witness", "publishAt", "photos", "channel",
        "masked", "extra", "__proto__", "$type", "",
    ];

    /// <summary>A JSON value of any type, sometimes nested, sometimes huge or strange.</summary>
    public static string Value(this Random r, int depth = 0)
    {
        switch (r.Next(depth > 3 ? 9 : 12))
        {
            case 0: return "null";
            case 1: return r.Next(2) == 0 ? "true" : "false";
            case 2: return r.Pick(new[] { "0", "-1", "1", "4.5", "-0", "1e400", "99999999999999999999999", "2147483648", "120", "2026", "1.0e-400", "NaN" });
            case 3: return r.Next(int.MinValue, int.MaxValue).ToString();
            case 4: return Quote(r.Pick(Strings));
            case 5: return Quote(new string(r.Pick(new[] { 'a', '王', '1', ' ' }), r.Next(2) == 0 ? r.Next(50, 300) : r.Next(5000, 70_000)));
            case 6: return Quote(RandomText(r, r.Next(1, 40)));
            case 7: return Quote(r.Pick(Strings) + r.Pick(Strings));
            case 8: return Quote(r.Guid().ToString());
            case 9: return "[" + string.Join(",", Enumerable.Range(0, r.Next(0, 6)).Select(_ => r.Value(depth + 1))) + "]";
            default: return r.Object(depth + 1);
        }
    }

    public static string Object(this Random r, int depth = 0) =>
        "{" + string.Join(",", Enumerable.Range(0, r.Next(0, 10)).Select(_ => Quote(r.Pick(Fields)) + ":" + r.Value(depth))) + "}";

    public static string Quote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s)
        {
            if (c == '"' || c == '\\') builder.Append('\\').Append(c);
            else if (c < ' ' || char.IsSurrogate(c)) builder.Append($"\\u{(int)c:x4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    public static string RandomText(Random r, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = r.Next(4) switch
            {
                0 => (char)r.Next(0x20, 0x7f),
                1 => (char)r.Next(0x4e00, 0x9fa5),
                2 => (char)r.Next(0, 0x20),
                _ => (char)r.Next(0xa0, 0xd7ff),
            };
        return new string(chars);
    }

    /// <summary>Bytes that are not UTF-8: lone continuation bytes, overlong forms, truncated sequences.</summary>
    public static byte[] InvalidUtf8(Random r) => r.Pick(new[]
    {
        new byte[] { 0x80 }, [0xC0, 0xAF], [0xE2, 0x82], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3],
    });

    public static string Mutate(Random r, string text)
    {
        var builder = new StringBuilder(text);
        for (var k = r.Next(1, 6); k > 0 && builder.Length > 0; k--)
        {
            var at = r.Next(builder.Length);
            switch (r.Next(5))
            {
                case 0: builder.Remove(at, Math.Min(r.Next(1, 20), builder.Length - at)); break;
                case 1: builder.Insert(at, r.Pick(new[] { "<", ">", "&", "]]>", "<![CDATA[", "\"", "{", "}", ",", ":", "\u0000", "</xml>", "<xml>" })); break;
                case 2: builder.Insert(at, builder.ToString(at, Math.Min(r.Next(1, 40), builder.Length - at))); break;
                case 3: builder[at] = (char)r.Next(0, 0x3000); break;
                default: builder.Length = at; break;
            }
        }
        return builder.ToString();
    }
}
