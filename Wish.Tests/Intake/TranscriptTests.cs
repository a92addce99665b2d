using System.Text;
using WeChatWish.Tests.Callback;

namespace WeChatWish.Tests.Intake;

/// <summary>
/// docs/intake-transcript.md is this conversation as the person saw it. The test fails when the file and a real run differ;
/// <c>WISH_WRITE_TRANSCRIPT=1</c> rewrites the file from the run instead.
/// </summary>
public sealed class TranscriptTests : IntakeTestBase
{
    [Test]
    public async Task TheDocumentedConversationIsWhatTheServiceSays()
    {
        var transcript = new Transcript();
        var user = User("o_transcript", transcript);
        await user.SendAsync(IntakePush.Subscribe(user.OpenId), "（关注公众号）");
        await user.SayAsync("心愿");
        await user.SayAsync("4");
        await user.SpeakAsync("鼓楼区。");
        await user.SayAsync("王秀英");
        await user.SayAsync("1381234567");
        await user.SayAsync("13812345678");
        await user.SpeakAsync("想要一个电暖器，冬天太冷了。");
        await user.SayAsync("一百五");
        await user.SendPhotoAsync("transcript-photo");
        await user.SayAsync("修改 5");
        await user.SayAsync("想要一个小太阳电暖器，冬天屋里太冷了");
        await user.SayAsync("确认");
        await user.SayAsync("查询");

        var markdown = Render(transcript);
        var path = Path.Combine(RepositoryRoot(), "docs", "intake-transcript.md");
        if (Environment.GetEnvironmentVariable("WISH_WRITE_TRANSCRIPT") == "1") await File.WriteAllTextAsync(path, markdown);
        Assert.That(File.Exists(path), Is.True, "docs/intake-transcript.md exists (WISH_WRITE_TRANSCRIPT=1 writes it)");
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(markdown), "docs/intake-transcript.md is what a real run says");
    }

    private static string Render(Transcript transcript)
    {
        var text = new StringBuilder("""
            # 微心愿：一次完整的对话

            This is a real conversation with the official account, as the person sees it on their phone. `WeChatWish.Tests.Intake.TranscriptTests`
            produces it from an actual run: every message is posted to `POST /wechat` in safe mode (encrypted), the service answers from real
            PostgreSQL and Redis, and the replies are decrypted and written down here. The clock is fixed at 10:00 on 5 December 2026, China
            time. The test fails when this file and a run differ; `WISH_WRITE_TRANSCRIPT=1 dotnet test Wish.Tests --filter TranscriptTests`
            writes it anew.


            """);
        foreach (var (sent, reply) in transcript.Lines)
        {
            text.Append("**用户：** ").Append(sent).Append("\n\n");
            text.Append(reply.Length == 0 ? "*（没有回复）*\n\n" : $"```text\n{reply}\n```\n\n");
        }
        return text.ToString().TrimEnd() + "\n";
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "WeChatWish.sln"))) return dir.FullName;
        throw new InvalidOperationException("WeChatWish.sln not found above the test directory");
    }
}
