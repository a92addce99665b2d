using WeChatWish.Api.Intake;

namespace WeChatWish.Tests.Intake;

/// <summary>After 30 minutes' silence a draft is paused and offered back; after 24 hours it is gone.</summary>
public sealed class PauseAndResumeTests : IntakeTestBase
{
    private async Task<WeChatUser> HalfwayAsync(string openId)
    {
        var user = User(openId);
        await user.SayAsync("心愿 想要一个书包 80元");
        await user.SayAsync("3");
        await user.SayAsync("2");
        return user;
    }

    [Test]
    public async Task WithinThirtyMinutesTheConversationSimplyGoesOn()
    {
        var user = await HalfwayAsync("o_slow");
        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.That(await user.SayAsync("刘小明"), Does.Contain("手机号码"));
        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("确认"), "each message starts the 30 minutes again");
    }

    [Test]
    public async Task AfterThirtyMinutesTheDraftIsOfferedBackAndContinues()
    {
        var user = await HalfwayAsync("o_paused");
        Clock.Advance(TimeSpan.FromMinutes(31));

        var offer = await user.SayAsync("刘小明");

        Assert.That(offer, Is.EqualTo(IntakeTexts.ResumeOffer(new Draft { Content = "想要一个书包" })));
        Assert.That(await user.SayAsync("随便"), Does.Contain("回复 1 接着填"), "the offer stands until answered");
        Assert.That(await user.SayAsync("1"), Does.Contain("好的，接着填").And.Contain("姓名"));
        await user.SayAsync("刘小明");
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("1 类别：贫困学生").And.Contain("2 所在区：江宁区").And.Contain("5 心愿：想要一个书包"));
        Assert.That(await user.SayAsync("确认"), Does.Contain("心愿已提交"));
    }

    [Test]
    public async Task AfterTwentyThreeHoursTheDraftIsStillOfferedAndCanBeRestarted()
    {
        var user = await HalfwayAsync("o_restart");
        Clock.Advance(TimeSpan.FromHours(23));

        Assert.That(await user.SayAsync("心愿"), Does.Contain("您上次的心愿还没填完（想要一个书包）"));
        var fresh = await user.SayAsync("2");

        Assert.That(fresh, Does.Contain("您属于哪一类"));
        foreach (var answer in new[] { "4", "1", "王秀英", "13812345678" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("想要一个电暖器"), Does.Contain("多少钱"), "the old draft's cost is gone with it");
    }

    [Test]
    public async Task APhotoAfterThePauseIsKeptWithTheOffer()
    {
        var user = await HalfwayAsync("o_paused_photo");
        Clock.Advance(TimeSpan.FromHours(2));

        Assert.That(await user.SendPhotoAsync("m1"), Does.Contain("照片收到了（共1张）").And.Contain("回复 1 接着填"));
        await user.SayAsync("继续");
        await user.SayAsync("刘小明");
        Assert.That(await user.SayAsync("13812345678"), Does.Contain("照片：1张"));
    }

    [Test]
    public async Task AfterTwentyFourHoursTheDraftIsGone()
    {
        var user = await HalfwayAsync("o_gone");
        Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        Assert.That(await user.SayAsync("刘小明"), Does.Contain("心愿 — 留下一个小心愿"), "outside a draft: the menu");
        Assert.That(await user.SayAsync("心愿"), Does.Contain("您属于哪一类").And.Not.Contain("还没填完"));
    }
}
