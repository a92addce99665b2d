using System.Globalization;
using System.Text;

namespace WeChatWish.Console.Shared;

/// <summary>A URL query built from the filters a page has set; empty ones are left out.</summary>
public sealed class QueryString
{
    private readonly StringBuilder _query = new();

    public QueryString Add(string name, object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s.Trim(),
            bool b => b ? "true" : "false",
            DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        if (string.IsNullOrEmpty(text)) return this;
        _query.Append(_query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(text));
        return this;
    }

    public override string ToString() => _query.ToString();

    public static string operator +(string path, QueryString query) => path + query.ToString();
}
