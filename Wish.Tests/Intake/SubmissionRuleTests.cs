using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Intake;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

/// <summary>The programme's rules applied on 确认, and what the person is told about them.</summary>
public sealed class SubmissionRuleTests : IntakeTestBase
{
    [Test]
    public async Task ASecondWishWithinTwelveMonthsIsFlaggedAndThePersonIsTold()
    {
        var user = User("o_again");
        await LeaveWishAsync(user);
        await StaffAsync("W202612-0001", (w, _) => w.Verify(Urgency.Normal, null, null, null, Reviewer, Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.FromDays(60));

        Assert.That(await user.SayAsync("心愿"), Does.Contain("姓名、电话和所在区已帮您填好").And.Contain("您属于哪一类"));
        await user.SayAsync("4");
        await user.SayAsync("想要一床棉被");
        var summary = await user.SayAsync("100");
        Assert.That(summary, Does.Contain("3 姓名：王秀英").And.Contain("2 所在区：鼓楼区"), "remembered from the first wish");
        var done = await user.SayAsync("确认");

        Assert.That(done, Does.Contain("心愿已提交").And.Contain("12个月内已经申请过心愿，这次需要工作人员特别核实"));
        var second = (await WishesOfAsync("o_again")).Last();
        Assert.That(second.Flags, Is.EqualTo(WishFlags.SecondIn12Months));
        Assert.That(second.Code, Is.EqualTo("W202702-0001"), "5 February is in February's collection window");
    }

    [Test]
    public async Task ACostOverTheSoftLimitIsFlaggedAndThePersonIsTold()
    {
        var done = await LeaveWishAsync(User("o_dear"), cost: "300");

        Assert.That(done, Does.Contain("这个心愿超过200元，需要工作人员特别核实"));
        Assert.That((await WishesOfAsync("o_dear")).Single().Flags, Is.EqualTo(WishFlags.OverSoftCostLimit));
    }

    [Test]
    public async Task AWishAfterTheCollectionWindowGoesToNextMonthsRoundAndThePersonIsTold()
    {
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 23, 58, 0, TimeSpan.FromHours(8)));
        var inTime = await LeaveWishAsync(User("o_early"));
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 0, 1, 0, TimeSpan.FromHours(8)));
        var late = await LeaveWishAsync(User("o_late"), name: "李建国", phone: "13900001111");

        Assert.That(inTime, Does.Contain("W202612-0001").And.Not.Contain("截止收集"), "the last minute of the 10th is still December");
        Assert.That(late, Does.Contain("W202701-0001").And.Contain("本月心愿10日已截止收集，您的心愿放到2027年1月的一轮"));
        Assert.That((await WishesOfAsync("o_late")).Single().Round, Is.EqualTo(new Round(2027, 1)));
    }

    [Test]
    public async Task OnlyOneWishWaitsForReviewAndTheNewDraftIsKept()
    {
        var user = User("o_waiting");
        await LeaveWishAsync(user);

        await user.SayAsync("心愿 想要一床棉被 100元");
        var refused = await user.SayAsync("4");
        Assert.That(refused, Does.Contain("5 心愿：想要一床棉被"));
        var reply = await user.SayAsync("确认");

        Assert.That(reply, Does.Contain("已有一个心愿（W202612-0001）正在审核中").And.Contain("取消 W202612-0001"));
        Assert.That(await user.SayAsync("取消 W202612-0001"), Does.Contain("已撤回"));
        Assert.That(await user.SayAsync("确认"), Does.Contain("心愿已提交，编号 W202612-0002"), "the kept draft is submitted after all");
        Assert.That((await WishesOfAsync("o_waiting")).Select(w => w.Status), Is.EqualTo(new[] { WishStatus.Withdrawn, WishStatus.Submitted }));
    }

    [Test]
    public async Task MoreThanThirtyMessagesAMinuteGetOnePoliteReplyThenSilence()
    {
        var user = User("o_fast");
        for (var i = 0; i < 30; i++) Assert.That(await user.SayAsync("你好"), Does.Contain("心愿 — 留下一个小心愿"));

        Assert.That(await user.SayAsync("你好"), Is.EqualTo(IntakeTexts.SlowDown));
        Assert.That(await user.SendAsync(Callback.WeChatPush.TextXml("o_fast", "心愿"), "心愿", expectReply: false), Is.Empty);
        Assert.That(await User("o_other").SayAsync("你好"), Does.Contain("心愿 — 留下一个小心愿"), "the limit is per person");

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.That(await user.SayAsync("心愿"), Does.Contain("您属于哪一类"), "a new minute, a new allowance");
        Assert.That(await DbAsync(db => db.Wishes.CountAsync()), Is.Zero);
    }
}
