using System.Diagnostics;
using System.Net;
using WeChatWish.Tests.Callback;

namespace WeChatWish.Tests.Intake;

/// <summary>
/// One person talking to the official account: every push is safe-mode encrypted, every reply decrypted and read. Pushes are
/// stamped with <paramref name="clock"/>'s time, which must be the host's (the callback refuses pushes far from its clock).
/// </summary>
public sealed class WeChatUser(HttpClient client, string openId, Transcript? transcript = null, TimeProvider? clock = null)
{
    public string OpenId { get; } = openId;

    /// <summary>How long each message took to be answered, retries included: printed as figures, never asserted.</summary>
    public List<TimeSpan> Latencies { get; } = [];

    public Task<string> SayAsync(string text) => SendAsync(WeChatPush.TextXml(OpenId, text), text);

    public Task<string> SpeakAsync(string? recognition) =>
        SendAsync(IntakePush.Voice(OpenId, recognition), recognition is null ? "（语音，未识别）" : $"（语音）{recognition}");

    public Task<string> SendPhotoAsync(string mediaId, string picUrl = "http://mmbiz.qpic.cn/photo.jpg") =>
        SendAsync(IntakePush.Image(OpenId, mediaId, picUrl), "（照片）");

    public Task<string> ClickAsync(string key) => SendAsync(IntakePush.Click(OpenId, key), $"（点击菜单 {key}）");

    /// <summary>
    /// Posts <paramref name="xml"/> and returns the reply's text ("" for none). Like WeChat, posts the same push again (up to three
    /// times) when the answer was "success", so a reply the service finished late is still read.
    /// </summary>
    public async Task<string> SendAsync(string xml, string shown, bool expectReply = true)
    {
        var content = "";
        var watch = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            content = await PostOnceAsync(client, xml, clock);
            if (content.Length > 0 || !expectReply) break;
        }
        Latencies.Add(watch.Elapsed);
        Assert.That(content, Has.Length.LessThan(600), "replies stay under 600 characters");
        transcript?.Add(shown, content);
        return content;
    }

    public static async Task<string> PostOnceAsync(HttpClient client, string xml, TimeProvider? clock = null)
    {
        using var request = WeChatPush.Request(xml, WeChatPush.Mode.Safe, at: (clock ?? TimeProvider.System).GetUtcNow());
        var nonce = WeChatPush.NonceOf(request);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return IntakePush.ContentOf(WeChatPush.ReadReply(await response.Content.ReadAsStringAsync(), nonce));
    }
}

/// <summary>What the person sent and what they saw, in order.</summary>
public sealed class Transcript
{
    public List<(string Sent, string Reply)> Lines { get; } = [];

    public void Add(string sent, string reply) => Lines.Add((sent, reply));
}
