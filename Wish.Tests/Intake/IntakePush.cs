using System.Xml.Linq;

namespace WeChatWish.Tests.Intake;

/// <summary>The pushes a beneficiary's phone makes WeChat send, beyond the plain text ones <c>WeChatPush</c> builds.</summary>
public static class IntakePush
{
    private static long _nextEventTime = 1_790_000_000;

    /// <summary>Events are deduplicated by sender, time and event, so each one built here gets a time of its own.</summary>
    public static long NextEventTime() => Interlocked.Increment(ref _nextEventTime);

    public static string Voice(string from, string? recognition) =>
        Message(from, "voice", "<MediaId><![CDATA[voice-media]]></MediaId><Format><![CDATA[amr]]></Format>" +
            (recognition is null ? "" : $"<Recognition><![CDATA[{recognition}]]></Recognition>"));

    public static string Image(string from, string mediaId, string picUrl) =>
        Message(from, "image", $"<PicUrl><![CDATA[{picUrl}]]></PicUrl><MediaId><![CDATA[{mediaId}]]></MediaId>");

    public static string Location(string from) =>
        Message(from, "location", "<Location_X>32.06</Location_X><Location_Y>118.79</Location_Y><Scale>15</Scale><Label><![CDATA[鼓楼]]></Label>");

    public static string Click(string from, string key) => Callback.WeChatPush.EventXml(from, "CLICK", NextEventTime(), key);

    public static string Subscribe(string from, string? scene = null) =>
        Callback.WeChatPush.EventXml(from, "subscribe", NextEventTime(), scene is null ? null : "qrscene_" + scene);

    public static string Unsubscribe(string from) => Callback.WeChatPush.EventXml(from, "unsubscribe", NextEventTime());

    public static string TemplateSendJobFinish(string from, long templateMsgId, string status) =>
        $"<xml><ToUserName><![CDATA[gh_wish]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>{NextEventTime()}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>" +
        $"<MsgID>{templateMsgId}</MsgID><Status><![CDATA[{status}]]></Status></xml>";

    /// <summary>The text a reply shows, or "" for "success" (nothing shown).</summary>
    public static string ContentOf(string replyXml) =>
        replyXml == "success" ? "" : XElement.Parse(replyXml).Element("Content")?.Value ?? "";

    private static string Message(string from, string type, string fields) =>
        $"<xml><ToUserName><![CDATA[gh_wish]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>" +
        $"<CreateTime>1790000000</CreateTime><MsgType><![CDATA[{type}]]></MsgType>{fields}" +
        $"<MsgId>{Callback.WeChatPush.NextMsgId()}</MsgId></xml>";
}
