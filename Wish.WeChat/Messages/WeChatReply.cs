using System.Globalization;
using System.Text;

namespace WeChatWish.WeChat.Messages;

/// <summary>One article of a news reply; Title and Url are required by WeChat.</summary>
public sealed record WeChatArticle(string Title, string Description, string Url, string? PicUrl = null);

/// <summary>
/// The body of a passive reply. Either <see cref="Success"/> (nothing to say) or well-formed reply XML:
/// an empty text reply is never produced, because WeChat shows the user an error for one.
/// </summary>
public sealed class WeChatReply
{
    public const string XmlContentType = "application/xml; charset=utf-8";
    public const string TextContentType = "text/plain; charset=utf-8";

    private WeChatReply(string body, string contentType, bool isSuccess)
    {
        Body = body;
        ContentType = contentType;
        IsSuccess = isSuccess;
    }

    /// <summary>The literal "success": WeChat stops retrying and shows nothing.</summary>
    public static WeChatReply Success { get; } = new("success", TextContentType, isSuccess: true);

    public string Body { get; }

    public string ContentType { get; }

    public bool IsSuccess { get; }

    public override string ToString() => Body;

    /// <summary>A text reply to <paramref name="incoming"/>'s sender, or <see cref="Success"/> when the content is blank.</summary>
    public static WeChatReply Text(WeChatMessage incoming, string content, DateTimeOffset createTime)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return Text(incoming.FromUserName, incoming.ToUserName, content, createTime);
    }

    /// <summary>A text reply; content is sanitised for XML and blank content yields <see cref="Success"/>.</summary>
    public static WeChatReply Text(string toUser, string fromUser, string content, DateTimeOffset createTime)
    {
        var safeContent = WeChatXml.SanitizeText(content ?? "");
        if (string.IsNullOrWhiteSpace(safeContent)) return Success;

        var xml = Header(toUser, fromUser, createTime, "text");
        WeChatXml.AppendCDataElement(xml, "Content", safeContent);
        return FromXml(xml.Append("</xml>").ToString());
    }

    /// <summary>A one-article news reply to <paramref name="incoming"/>'s sender.</summary>
    public static WeChatReply News(WeChatMessage incoming, WeChatArticle article, DateTimeOffset createTime)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        return News(incoming.FromUserName, incoming.ToUserName, article, createTime);
    }

    /// <exception cref="ArgumentException">The article's title or URL is blank.</exception>
    public static WeChatReply News(string toUser, string fromUser, WeChatArticle article, DateTimeOffset createTime)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (string.IsNullOrWhiteSpace(WeChatXml.SanitizeText(article.Title ?? "")))
            throw new ArgumentException("A news article needs a title.", nameof(article));
        if (string.IsNullOrWhiteSpace(WeChatXml.SanitizeText(article.Url ?? "")))
            throw new ArgumentException("A news article needs a URL.", nameof(article));

        var xml = Header(toUser, fromUser, createTime, "news");
        xml.Append("<ArticleCount>1</ArticleCount><Articles><item>");
        WeChatXml.AppendCDataElement(xml, "Title", article.Title!);
        WeChatXml.AppendCDataElement(xml, "Description", article.Description ?? "");
        WeChatXml.AppendCDataElement(xml, "PicUrl", article.PicUrl ?? "");
        WeChatXml.AppendCDataElement(xml, "Url", article.Url!);
        return FromXml(xml.Append("</item></Articles></xml>").ToString());
    }

    internal static WeChatReply FromXml(string xml) => new(xml, XmlContentType, isSuccess: false);

    private static StringBuilder Header(string toUser, string fromUser, DateTimeOffset createTime, string msgType)
    {
        ArgumentException.ThrowIfNullOrEmpty(toUser);
        ArgumentException.ThrowIfNullOrEmpty(fromUser);
        var xml = new StringBuilder("<xml>");
        WeChatXml.AppendCDataElement(xml, "ToUserName", toUser);
        WeChatXml.AppendCDataElement(xml, "FromUserName", fromUser);
        xml.Append("<CreateTime>").Append(createTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append("</CreateTime>");
        WeChatXml.AppendCDataElement(xml, "MsgType", msgType);
        return xml;
    }
}
