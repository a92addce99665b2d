using System.Globalization;

namespace WeChatWish.Domain;

/// <summary>Masks a person's name for volunteers and the public: 王** — the surname stays, the rest is hidden.</summary>
public static class NameMask
{
    public const char MaskChar = '*';

    // Two-character surnames: showing only their first character would mask half a surname and reveal nothing useful.
    private static readonly string[] CompoundSurnames =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙",
        "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "闾丘", "端木", "南宫", "西门",
    ];

    public static string Mask(string? name)
    {
        var text = name?.Trim() ?? "";
        // Count text elements, not UTF-16 units: rare name characters (𠮷) lie outside the BMP.
        var elements = new StringInfo(text);
        var length = elements.LengthInTextElements;
        if (length <= 1) return MaskChar.ToString();

        var keep = CompoundSurnames.Any(s => text.StartsWith(s, StringComparison.Ordinal)) && length > 2 ? 2 : 1;
        return elements.SubstringByTextElements(0, keep) + new string(MaskChar, length - keep);
    }
}
