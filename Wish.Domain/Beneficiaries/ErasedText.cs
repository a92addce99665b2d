namespace WeChatWish.Domain;

/// <summary>
/// What erasure leaves where free text about a person was: the row, its status, dates and figures stay (statistics and history hold),
/// the words go. Free text is blanked whole rather than searched for names, since a note can describe a person without naming them.
/// </summary>
public static class ErasedText
{
    public const string Marker = "（已删除）";

    /// <summary>Null stays null (nothing was written); anything written becomes <see cref="Marker"/>.</summary>
    public static string? Blank(string? text) => text is null ? null : Marker;

    /// <summary>
    /// Text that must stay readable (a wish's content, a service-record line) with each of the person's own details in it replaced
    /// by <see cref="Marker"/>, cut to <paramref name="maxLength"/>.
    /// </summary>
    public static string Scrub(string text, IEnumerable<string> personalDetails, int maxLength)
    {
        // Longest first, so an address is replaced whole before a name inside it.
        foreach (var detail in personalDetails.Where(d => d.Trim().Length >= 2).OrderByDescending(d => d.Length))
            text = text.Replace(detail, Marker, StringComparison.Ordinal);
        return text.Length <= maxLength ? text : text[..maxLength];
    }
}
