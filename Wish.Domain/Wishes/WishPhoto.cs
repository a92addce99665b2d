namespace WeChatWish.Domain;

/// <summary>A photo attached to a wish: the WeChat MediaId when it came by message, and a URL to show it.</summary>
public sealed class WishPhoto
{
    public const int MediaIdMaxLength = 128;
    public const int UrlMaxLength = 1024;

    private WishPhoto()
    {
    }

    public string? MediaId { get; private set; }

    public string Url { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }

    public static WishPhoto Create(string? mediaId, string url, DateTimeOffset at) => new()
    {
        MediaId = Guard.OptionalText(mediaId, "mediaId", "图片编号", MediaIdMaxLength),
        Url = Guard.Text(url, "url", "图片地址", UrlMaxLength),
        AddedAt = Guard.Utc(at),
    };
}
