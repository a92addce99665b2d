using System.Text;
using WeChatWish.WeChat.Messages;

namespace WeChatWish.Tests.WeChat;

/// <summary>Samples shaped like the ones in WeChat's official-account message documentation.</summary>
public sealed class WeChatMessageParserTests
{
    private static string Push(string msgType, string body, string? msgId = "1234567890123456") => $"""
        <xml>
          <ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName>
          <FromUserName><![CDATA[o9AgO5Kd5ggOC-bXrbNODIiE3bGY]]></FromUserName>
          <CreateTime>1348831860</CreateTime>
          <MsgType><![CDATA[{msgType}]]></MsgType>
          {body}
          {(msgId is null ? "" : $"<MsgId>{msgId}</MsgId>")}
        </xml>
        """;

    private static string Event(string evt, string body = "") => Push("event", $"<Event><![CDATA[{evt}]]></Event>{body}", msgId: null);

    [Test]
    public void TextMessageCarriesTheCommonFieldsAndContent()
    {
        var message = WeChatMessageParser.Parse(Push("text", "<Content><![CDATA[我想认领 <心愿> & 1]]></Content>"));

        var text = (WeChatTextMessage)message;
        Assert.That(text.ToUserName, Is.EqualTo("gh_97417a04a28d"));
        Assert.That(text.FromUserName, Is.EqualTo("o9AgO5Kd5ggOC-bXrbNODIiE3bGY"));
        Assert.That(text.CreateTime, Is.EqualTo(new DateTimeOffset(2012, 9, 28, 11, 31, 0, TimeSpan.Zero)));
        Assert.That(text.MsgType, Is.EqualTo("text"));
        Assert.That(text.MsgId, Is.EqualTo(1234567890123456));
        Assert.That(text.Content, Is.EqualTo("我想认领 <心愿> & 1"));
        Assert.That(text.DedupKey, Is.EqualTo("msg:1234567890123456"));
    }

    [Test]
    public void PublishedVectorPlaintextIsATextMessage()
    {
        var vector = WeChatVectors.All.Single(v => v.Id == "MP-C");

        var text = (WeChatTextMessage)WeChatMessageParser.Parse(vector.Get("expected_plaintext"));

        Assert.That(text.Content, Is.EqualTo("abcdteT"));
        Assert.That(text.MsgId, Is.EqualTo(6054768590064713728));
    }

    [Test]
    public void ImageMessageCarriesPicUrlAndMediaId()
    {
        var image = (WeChatImageMessage)WeChatMessageParser.Parse(
            Push("image", "<PicUrl><![CDATA[http://mmbiz.qpic.cn/abc/0]]></PicUrl><MediaId><![CDATA[media_id_1]]></MediaId>"));

        Assert.That(image.PicUrl, Is.EqualTo("http://mmbiz.qpic.cn/abc/0"));
        Assert.That(image.MediaId, Is.EqualTo("media_id_1"));
    }

    [Test]
    public void VoiceMessageCarriesFormatAndOptionalRecognition()
    {
        var recognised = (WeChatVoiceMessage)WeChatMessageParser.Parse(Push("voice",
            "<MediaId><![CDATA[media_id]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[腾讯微信团队]]></Recognition>"));
        var plain = (WeChatVoiceMessage)WeChatMessageParser.Parse(Push("voice", "<MediaId><![CDATA[m2]]></MediaId><Format><![CDATA[speex]]></Format>"));

        Assert.That((recognised.MediaId, recognised.Format, recognised.Recognition), Is.EqualTo(("media_id", "amr", "腾讯微信团队")));
        Assert.That((plain.Format, plain.Recognition), Is.EqualTo(("speex", (string?)null)));
    }

    [TestCase("video", false)]
    [TestCase("shortvideo", true)]
    public void VideoAndShortVideoAreBothVideoMessages(string msgType, bool isShort)
    {
        var video = (WeChatVideoMessage)WeChatMessageParser.Parse(
            Push(msgType, "<MediaId><![CDATA[media_id]]></MediaId><ThumbMediaId><![CDATA[thumb_media_id]]></ThumbMediaId>"));

        Assert.That((video.MediaId, video.ThumbMediaId, video.IsShortVideo), Is.EqualTo(("media_id", "thumb_media_id", isShort)));
    }

    [Test]
    public void LocationMessageCarriesCoordinatesScaleAndLabel()
    {
        var location = (WeChatLocationMessage)WeChatMessageParser.Parse(Push("location",
            "<Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[广州市天河区]]></Label>"));

        Assert.That((location.LocationX, location.LocationY, location.Scale, location.Label), Is.EqualTo((23.134521, 113.358803, 20, "广州市天河区")));
    }

    [Test]
    public void LinkMessageCarriesTitleDescriptionAndUrl()
    {
        var link = (WeChatLinkMessage)WeChatMessageParser.Parse(Push("link",
            "<Title><![CDATA[公众平台官网链接]]></Title><Description><![CDATA[公众平台官网链接]]></Description><Url><![CDATA[https://mp.weixin.qq.com]]></Url>"));

        Assert.That((link.Title, link.Description, link.Url), Is.EqualTo(("公众平台官网链接", "公众平台官网链接", "https://mp.weixin.qq.com")));
    }

    [Test]
    public void PlainSubscribeHasNoScene()
    {
        var subscribe = (WeChatSubscribeEvent)WeChatMessageParser.Parse(Event("subscribe", "<EventKey><![CDATA[]]></EventKey>"));

        Assert.That(subscribe.MsgId, Is.Null);
        Assert.That((subscribe.EventKey, subscribe.SceneValue, subscribe.Ticket), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
        Assert.That(subscribe.DedupKey, Is.EqualTo("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1348831860:subscribe"));
    }

    [Test]
    public void SubscribeThroughAQrCodeExposesTheSceneWithoutItsPrefix()
    {
        var subscribe = (WeChatSubscribeEvent)WeChatMessageParser.Parse(
            Event("subscribe", "<EventKey><![CDATA[qrscene_wish-42]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        Assert.That((subscribe.EventKey, subscribe.SceneValue, subscribe.Ticket), Is.EqualTo(("qrscene_wish-42", "wish-42", "TICKET")));
    }

    [Test]
    public void UnsubscribeIsItsOwnEvent()
    {
        var unsubscribe = WeChatMessageParser.Parse(Event("unsubscribe"));

        Assert.That(unsubscribe, Is.TypeOf<WeChatUnsubscribeEvent>());
        Assert.That(unsubscribe.DedupKey, Is.EqualTo("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1348831860:unsubscribe"));
    }

    [Test]
    public void ScanByAFollowerCarriesTheSceneWithoutPrefix()
    {
        var scan = (WeChatScanEvent)WeChatMessageParser.Parse(Event("SCAN", "<EventKey><![CDATA[wish-42]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>"));

        Assert.That((scan.SceneValue, scan.Ticket, scan.DedupKey), Is.EqualTo(("wish-42", "TICKET", "evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1348831860:SCAN")));
    }

    [Test]
    public void MenuClickAndViewCarryTheirEventKeys()
    {
        var click = (WeChatClickEvent)WeChatMessageParser.Parse(Event("CLICK", "<EventKey><![CDATA[MY_WISHES]]></EventKey>"));
        var view = (WeChatViewEvent)WeChatMessageParser.Parse(Event("VIEW", "<EventKey><![CDATA[https://wish.example/list]]></EventKey><MenuId>208379533</MenuId>"));

        Assert.That(click.EventKey, Is.EqualTo("MY_WISHES"));
        Assert.That((view.EventKey, view.MenuId), Is.EqualTo(("https://wish.example/list", "208379533")));
    }

    [TestCase("success", true)]
    [TestCase("failed:user block", false)]
    [TestCase("failed: system failed", false)]
    public void TemplateSendJobFinishReportsTheTemplateMsgIdAndStatus(string status, bool delivered)
    {
        var finished = (WeChatTemplateSendJobFinishEvent)WeChatMessageParser.Parse(
            Event("TEMPLATESENDJOBFINISH", $"<MsgID>200163836</MsgID><Status><![CDATA[{status}]]></Status>"));

        Assert.That((finished.TemplateMsgId, finished.Status, finished.IsDelivered), Is.EqualTo((200163836L, status, delivered)));
        Assert.That(finished.MsgId, Is.Null);
        Assert.That(finished.DedupKey, Is.EqualTo("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1348831860:TEMPLATESENDJOBFINISH"));
    }

    [Test]
    public void UnknownEventKeepsItsRawFields()
    {
        var vector = WeChatVectors.All.Single(v => v.Id == "OFFICIAL-E");

        var unknown = (WeChatUnknownEvent)WeChatMessageParser.Parse(vector.Get("expected_plaintext"));

        Assert.That((unknown.Event, unknown.Fields["debug_str"]), Is.EqualTo(("debug_demo", "hello world")));
        Assert.That(unknown.DedupKey, Is.EqualTo("evt:o9AgO5Kd5ggOC-bXrbNODIiE3bGY:1715943329:debug_demo"));
    }

    [Test]
    public void UnknownMsgTypeKeepsItsRawFieldsAndMsgId()
    {
        var unknown = (WeChatUnknownMessage)WeChatMessageParser.Parse(Push("miniprogrampage",
            "<Title><![CDATA[心愿]]></Title><AppId><![CDATA[wxabc]]></AppId><PagePath><![CDATA[pages/wish?id=1]]></PagePath>"));

        Assert.That((unknown.MsgType, unknown.Fields["PagePath"], unknown.Fields["AppId"]), Is.EqualTo(("miniprogrampage", "pages/wish?id=1", "wxabc")));
        Assert.That(unknown.DedupKey, Is.EqualTo("msg:1234567890123456"));
    }

    [Test]
    public void SafeModeEnvelopeYieldsTheEncryptValue()
    {
        var envelope = WeChatMessageParser.ParseEnvelope("<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[D7yz+/=]]></Encrypt></xml>");

        Assert.That(envelope, Is.EqualTo(new WeChatEncryptedEnvelope("gh_97417a04a28d", "D7yz+/=")));
    }

    [Test]
    public async Task MessagesAndEnvelopesParseFromAStream()
    {
        using var message = new MemoryStream(Encoding.UTF8.GetBytes(Push("text", "<Content>hi</Content>")));
        using var envelope = new MemoryStream("\uFEFF<xml><Encrypt>abc</Encrypt></xml>"u8.ToArray());

        Assert.That(((WeChatTextMessage)await WeChatMessageParser.ParseAsync(message)).Content, Is.EqualTo("hi"));
        Assert.That((await WeChatMessageParser.ParseEnvelopeAsync(envelope)).Encrypt, Is.EqualTo("abc"));
    }

    [TestCase("<xml><Encrypt></Encrypt></xml>", WeChatXmlError.MissingField)]
    [TestCase("<xml><ToUserName>gh</ToUserName></xml>", WeChatXmlError.MissingField)]
    public void EnvelopeWithoutEncryptIsRefused(string xml, WeChatXmlError reason)
    {
        Assert.That(() => WeChatMessageParser.ParseEnvelope(xml), Throws.TypeOf<WeChatXmlException>().With.Property("Reason").EqualTo(reason));
    }
}
