using System.Globalization;

namespace WeChatWish.WeChat.Messages;

/// <summary>Turns pushed XML into typed records; unknown types become WeChatUnknownMessage/Event, never an error.</summary>
public static class WeChatMessageParser
{
    // Unix seconds that DateTimeOffset can represent (years 1..9999).
    private const long MinUnixSeconds = -62135596800;
    private const long MaxUnixSeconds = 253402300799;

    /// <exception cref="WeChatXmlException">The XML is malformed, has a DTD, or lacks a common field.</exception>
    public static WeChatMessage Parse(string xml) => FromFields(WeChatXml.ReadRootFields(xml));

    /// <exception cref="WeChatXmlException">As <see cref="Parse"/>, or the body is over the size limit.</exception>
    public static async Task<WeChatMessage> ParseAsync(Stream body, CancellationToken cancellationToken = default) =>
        Parse(await WeChatXml.ReadBodyAsync(body, cancellationToken));

    /// <summary>Reads the safe-mode envelope; the Encrypt element is required.</summary>
    /// <exception cref="WeChatXmlException">Malformed XML or no Encrypt element.</exception>
    public static WeChatEncryptedEnvelope ParseEnvelope(string xml)
    {
        var fields = WeChatXml.ReadRootFields(xml);
        return new WeChatEncryptedEnvelope(fields.GetValueOrDefault("ToUserName"), Required(fields, "Encrypt"));
    }

    /// <exception cref="WeChatXmlException">As <see cref="ParseEnvelope"/>, or the body is over the size limit.</exception>
    public static async Task<WeChatEncryptedEnvelope> ParseEnvelopeAsync(Stream body, CancellationToken cancellationToken = default) =>
        ParseEnvelope(await WeChatXml.ReadBodyAsync(body, cancellationToken));

    private static WeChatMessage FromFields(Dictionary<string, string> f)
    {
        var msgType = Required(f, "MsgType");
        var body = msgType.ToLowerInvariant() switch
        {
            "text" => new WeChatTextMessage { Content = Text(f, "Content") },
            "image" => new WeChatImageMessage { PicUrl = Text(f, "PicUrl"), MediaId = Text(f, "MediaId") },
            "voice" => new WeChatVoiceMessage { MediaId = Text(f, "MediaId"), Format = Text(f, "Format"), Recognition = f.GetValueOrDefault("Recognition") },
            "video" or "shortvideo" => new WeChatVideoMessage { MediaId = Text(f, "MediaId"), ThumbMediaId = Text(f, "ThumbMediaId") },
            "location" => new WeChatLocationMessage
            {
                LocationX = Double(f, "Location_X"), LocationY = Double(f, "Location_Y"),
                Scale = (int)Integer(f, "Scale", int.MinValue, int.MaxValue), Label = Text(f, "Label"),
            },
            "link" => new WeChatLinkMessage { Title = Text(f, "Title"), Description = Text(f, "Description"), Url = Text(f, "Url") },
            "event" => EventFromFields(f, Required(f, "Event")),
            _ => (WeChatMessage)new WeChatUnknownMessage(),
        };
        // Clone-with keeps the runtime type, so the common fields are set in one place.
        return body with
        {
            ToUserName = Required(f, "ToUserName"),
            FromUserName = Required(f, "FromUserName"),
            CreateTime = DateTimeOffset.FromUnixTimeSeconds(Integer(f, "CreateTime", MinUnixSeconds, MaxUnixSeconds)),
            MsgType = msgType,
            MsgId = f.ContainsKey("MsgId") ? Integer(f, "MsgId", long.MinValue, long.MaxValue) : null,
            Fields = f,
        };
    }

    private static WeChatEvent EventFromFields(Dictionary<string, string> f, string evt) => evt.ToUpperInvariant() switch
    {
        "SUBSCRIBE" => new WeChatSubscribeEvent { Event = evt, EventKey = NonEmpty(f, "EventKey"), Ticket = NonEmpty(f, "Ticket") },
        "UNSUBSCRIBE" => new WeChatUnsubscribeEvent { Event = evt },
        "SCAN" => new WeChatScanEvent { Event = evt, EventKey = Text(f, "EventKey"), Ticket = NonEmpty(f, "Ticket") },
        "CLICK" => new WeChatClickEvent { Event = evt, EventKey = Text(f, "EventKey") },
        "VIEW" => new WeChatViewEvent { Event = evt, EventKey = Text(f, "EventKey"), MenuId = NonEmpty(f, "MenuId") },
        "TEMPLATESENDJOBFINISH" => new WeChatTemplateSendJobFinishEvent
        {
            Event = evt, TemplateMsgId = Integer(f, "MsgID", long.MinValue, long.MaxValue), Status = Text(f, "Status"),
        },
        _ => new WeChatUnknownEvent { Event = evt },
    };

    private static string Required(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new WeChatXmlException(WeChatXmlError.MissingField, $"<{name}> is missing or empty.");

    private static string Text(IReadOnlyDictionary<string, string> fields, string name) => fields.GetValueOrDefault(name) ?? "";

    private static string? NonEmpty(IReadOnlyDictionary<string, string> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static long Integer(IReadOnlyDictionary<string, string> fields, string name, long min, long max) =>
        long.TryParse(Required(fields, name).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
        && value >= min && value <= max
            ? value
            : throw new WeChatXmlException(WeChatXmlError.InvalidField, $"<{name}> is not a whole number in range.");

    private static double Double(IReadOnlyDictionary<string, string> fields, string name) =>
        double.TryParse(Required(fields, name).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : throw new WeChatXmlException(WeChatXmlError.InvalidField, $"<{name}> is not a number.");
}
