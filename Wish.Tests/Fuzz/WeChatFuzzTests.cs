using System.Collections.Concurrent;
using System.Text;
using System.Web;
using WeChatWish.Tests.Callback;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.WeChat.Crypto;

namespace WeChatWish.Tests.Fuzz;

/// <summary>
/// 10,000 generated pushes to /wechat: malformed and hostile XML (signed, so it is parsed), wrong envelopes, mutated
/// ciphertexts re-signed so they reach decryption, ciphertexts of another app, bad signatures and timestamps, bytes that are
/// not UTF-8. No answer may be a 5xx; a 4xx must be WeChat's plain refusal (text/plain with a reason) or a ProblemDetails;
/// the service must answer a good push normally afterwards. Seeded as <see cref="Fuzz"/> says (the AES layer draws its own
/// random IV, so a replayed safe-mode body is the same plaintext and the same kind of mangling, not the same bytes).
/// </summary>
[Category("Fuzz")]
public sealed class WeChatFuzzTests : ApiTestBase
{
    private static readonly WeChatMessageCrypto OtherApp = new(TestWeChat.Token, TestWeChat.EncodingAesKey, "wx0000000000000000");

    [Test]
    public async Task GeneratedPushesGetNo5xxAndEvery4xxIsAPlainRefusal()
    {
        var seed = Fuzz.Seed;
        var failures = new ConcurrentQueue<string>();
        var byStatus = new ConcurrentDictionary<int, int>();
        await Parallel.ForEachAsync(Fuzz.Indices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var r = Fuzz.For(seed, i);
            using var request = Push(r, out var shown);
            using var response = await Client.SendAsync(request, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
            var media = response.Content.Headers.ContentType?.MediaType;
            var refusal = status < 400 || (media == "text/plain" && text.Length > 0) || media == "application/problem+json";
            if (status >= 500 || !refusal)
                failures.Enqueue($"seed {seed} index {i}: {shown} → {status} {media}: {text[..Math.Min(200, text.Length)]}");
        });

        var good = WeChatPush.TextXml("o_fuzz_after", "心愿", WeChatPush.NextMsgId());
        using var afterRequest = WeChatPush.Request(good, WeChatPush.Mode.Safe);
        using var after = await Client.SendAsync(afterRequest);
        var reply = WeChatPush.ReadReply(await after.Content.ReadAsStringAsync(), WeChatPush.NonceOf(afterRequest));
        using var ready = await Client.GetAsync("/health/ready");
        TestContext.Out.WriteLine($"fuzz /wechat: {byStatus.Values.Sum()} pushes, seed {seed}: {byStatus.Where(s => s.Key >= 500).Sum(s => s.Value)} × 5xx, " +
            $"{failures.Count} failures; answers {string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        foreach (var failure in failures.Take(10)) TestContext.Out.WriteLine(failure);
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty, $"{failures.Count} answers were a 5xx or a 4xx that is no refusal; first: {failures.FirstOrDefault()}");
            Assert.That((int)after.StatusCode, Is.EqualTo(200));
            Assert.That(reply, Does.Contain("您属于哪一类"), "a good push is answered normally afterwards");
            Assert.That((int)ready.StatusCode, Is.EqualTo(200));
        });
    }

    private static HttpRequestMessage Push(Random r, out string shown)
    {
        var from = "o_fuzz_" + r.Next(1000);
        var xml = r.Next(4) switch
        {
            0 => WeChatPush.TextXml(from, Fuzz.RandomText(r, r.Next(1, 50)), r.NextInt64()),
            1 => WeChatPush.EventXml(from, r.Pick(new[] { "subscribe", "unsubscribe", "CLICK", "TEMPLATESENDJOBFINISH", "VIEW", "", "x" }), r.Next(), r.Pick(new[] { "WISH", "", "qrscene_1" })),
            2 => $"<xml><ToUserName>gh_wish</ToUserName><FromUserName>{from}</FromUserName><CreateTime>{r.Pick(new[] { "abc", "-1", "99999999999999999999", "1790000000" })}</CreateTime>" +
                 $"<MsgType>{r.Pick(new[] { "text", "image", "voice", "location", "link", "video", "shortvideo", "event", "", "rot13" })}</MsgType><MsgId>{r.Pick(new[] { "1", "x", "-5", "18446744073709551616" })}</MsgId></xml>",
            _ => r.Pick(new[]
            {
                """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&e;</Content><MsgId>1</MsgId></xml>""",
                """<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><xml><Content>&c;</Content></xml>""",
                "<xml>" + string.Concat(Enumerable.Repeat("<a>", 5000)) + "</xml>", "<notxml/>", "", "{\"json\":true}", "<xml><Encrypt></Encrypt></xml>",
                "<xml>" + new string('x', 200_000) + "</xml>",
            }),
        };
        if (r.Next(3) == 0) xml = Fuzz.Mutate(r, xml);
        var kind = r.Next(10);
        switch (kind)
        {
            case 0 or 1 or 2:
                shown = $"plaintext {Short(xml)}";
                return WeChatPush.Request(xml, r.Next(2) == 0 ? WeChatPush.Mode.Plaintext : WeChatPush.Mode.Compatible);
            case 3 or 4 or 5:
                var encrypt = Mangle(r, WeChatPush.Crypto.Encrypt(xml));
                shown = $"safe mode, ciphertext {Short(encrypt)} of {Short(xml)}";
                return WeChatPush.Request(xml, WeChatPush.Mode.Safe, encryptOverride: encrypt);
            case 6:
                shown = $"another app's ciphertext of {Short(xml)}";
                return WeChatPush.Request(xml, WeChatPush.Mode.Safe, crypto: OtherApp);
            case 7:
            {
                var request = WeChatPush.Request(xml, r.Pick(new[] { WeChatPush.Mode.Plaintext, WeChatPush.Mode.Safe }),
                    timestampOverride: r.Next(2) == 0 ? null : r.Pick(new[] { "abc", "-1", "0", "99999999999999999999", "" }));
                var url = request.RequestUri!.OriginalString;
                var query = HttpUtility.ParseQueryString(url.Split('?', 2)[1]);
                var name = r.Pick(new[] { "signature", "msg_signature", "nonce", "timestamp", "encrypt_type" });
                query[name] = r.Next(2) == 0 ? null : r.Pick(new[] { "", "x", "rot13", new string('f', 40), "%%" });
                request.RequestUri = new Uri("/wechat?" + query, UriKind.Relative);
                shown = $"query {name} tampered, {Short(xml)}";
                return request;
            }
            case 8:
            {
                var request = WeChatPush.Request(xml, WeChatPush.Mode.Plaintext);
                var bytes = new byte[r.Next(0, 2000)];
                r.NextBytes(bytes);
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("<xml><Content>").Concat(Fuzz.InvalidUtf8(r)).Concat(bytes).ToArray());
                shown = $"plaintext, {bytes.Length} random bytes";
                return request;
            }
            default:
                shown = $"unsigned {Short(xml)}";
                return new HttpRequestMessage(HttpMethod.Post, "/wechat" + r.Pick(new[] { "", "?", "?signature=&timestamp=&nonce=", "?encrypt_type=aes" }))
                    { Content = new StringContent(xml, Encoding.UTF8, r.Pick(new[] { "text/xml", "application/json", "application/octet-stream" })) };
        }
    }

    /// <summary>A ciphertext changed where decryption and padding checks look: bits, length, base64 itself.</summary>
    private static string Mangle(Random r, string encrypt)
    {
        var bytes = Convert.FromBase64String(encrypt);
        switch (r.Next(7))
        {
            case 0: bytes[r.Next(bytes.Length)] ^= (byte)(1 << r.Next(8)); return Convert.ToBase64String(bytes);
            case 1: return Convert.ToBase64String(bytes[..(bytes.Length - 16 * r.Next(1, Math.Max(2, bytes.Length / 16)))]);
            case 2: return Convert.ToBase64String(bytes[..Math.Max(0, bytes.Length - r.Next(1, 15))]);
            case 3: return encrypt[..r.Next(encrypt.Length)];
            case 4: return encrypt.Insert(r.Next(encrypt.Length), r.Pick(new[] { "!", "=", " ", "\u00e9", "-", "_" }));
            case 5:
                var noise = new byte[16 * r.Next(0, 8)];
                r.NextBytes(noise);
                return Convert.ToBase64String(noise);
            default:
                // The last block alone decides the padding: garbage there with the rest intact.
                for (var k = bytes.Length - 16; k < bytes.Length; k++) bytes[k] = (byte)r.Next(256);
                return Convert.ToBase64String(bytes);
        }
    }

    private static string Short(string s) => s.Length > 100 ? s[..100] + $"…({s.Length})" : s;
}
