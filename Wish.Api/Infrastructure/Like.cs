namespace WeChatWish.Api.Infrastructure;

/// <summary>LIKE patterns from user text: its own %, _ and backslash match themselves, with <see cref="EscapeCharacter"/>.</summary>
public static class Like
{
    public const string EscapeCharacter = @"\";

    public static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
